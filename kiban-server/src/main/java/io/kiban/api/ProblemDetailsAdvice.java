package io.kiban.api;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of Kiban's own API as RFC 9457 problem details. */
@RestControllerAdvice(basePackageClasses = ProblemDetailsAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {

  static ResponseEntity<Map<String, Object>> problem(
      ErrorCode code, String detail, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:kiban:error:" + code.name().toLowerCase(java.util.Locale.ROOT));
    body.put("title", code.name());
    body.put("status", code.httpStatus());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    return ResponseEntity.status(code.httpStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  @ExceptionHandler(KibanException.class)
  ResponseEntity<Map<String, Object>> kiban(KibanException e, HttpServletRequest request) {
    ResponseEntity<Map<String, Object>> response = problem(e.code(), e.getMessage(), request);
    if (e instanceof io.kiban.platform.error.LineErrors lines) {
      response.getBody().put("errors", lines.errors());
    }
    return response;
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpMessageNotReadableException.class
  })
  ResponseEntity<Map<String, Object>> badParameter(Exception e, HttpServletRequest request) {
    if (io.kiban.platform.error.JsonErrorHandler.tooLarge(e)) {
      return problem(ErrorCode.REQUEST_TOO_LARGE, "The request body is too large.", request);
    }
    return problem(ErrorCode.INVALID_PARAMETER_VALUE, e.getMessage(), request);
  }
}
