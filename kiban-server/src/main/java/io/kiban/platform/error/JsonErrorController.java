package io.kiban.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (for example a URL the servlet container rejects) in the
 * same JSON shape as every other error, instead of an HTML page.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? "" : " " + uri;
    if (code == 404) {
      return JsonErrorHandler.error(ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint" + path);
    }
    if (code >= 400 && code < 500) {
      ResponseEntity<Map<String, String>> body =
          JsonErrorHandler.error(
              ErrorCode.BAD_REQUEST, "The request " + path + " was rejected (HTTP " + code + ")");
      return ResponseEntity.status(code).headers(body.getHeaders()).body(body.getBody());
    }
    return JsonErrorHandler.error(ErrorCode.INTERNAL_ERROR, "Internal error while serving" + path);
  }
}
