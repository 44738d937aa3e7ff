package io.kiban.web;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.JsonErrorHandler;
import io.kiban.platform.error.KibanException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors on UI pages are explained on an HTML page in the user's language; API paths and
 * non-browser clients keep the JSON errors.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WebErrorAdvice {

  private final UiMessages messages;

  WebErrorAdvice(UiMessages messages) {
    this.messages = messages;
  }

  static boolean wantsPage(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path.startsWith("/api/")
        || path.startsWith("/ajax-api/")
        || path.startsWith("/ui/")
        || path.equals("/health")) {
      return false;
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  Object notFound(HttpServletRequest request, HttpServletResponse response) {
    if (!wantsPage(request)) {
      return JsonErrorHandler.error(
          ErrorCode.ENDPOINT_NOT_FOUND,
          "No endpoint " + request.getMethod() + " " + request.getRequestURI());
    }
    return page(request, response, 404, messages.get("error.notFound"));
  }

  @ExceptionHandler(KibanException.class)
  Object kiban(KibanException e, HttpServletRequest request, HttpServletResponse response) {
    if (!wantsPage(request)) {
      return JsonErrorHandler.error(e.code(), e.getMessage());
    }
    return page(request, response, UiMessages.status(e), messages.explain(e));
  }

  @ExceptionHandler(ResponseStatusException.class)
  Object status(
      ResponseStatusException e, HttpServletRequest request, HttpServletResponse response) {
    int code = e.getStatusCode().value();
    if (!wantsPage(request)) {
      return JsonErrorHandler.error(
          code == 404 ? ErrorCode.ENDPOINT_NOT_FOUND : ErrorCode.BAD_REQUEST,
          "No endpoint " + request.getMethod() + " " + request.getRequestURI());
    }
    return page(
        request, response, code, messages.get(code == 404 ? "error.notFound" : "error.generic"));
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  Object badParameter(Exception e, HttpServletRequest request, HttpServletResponse response) {
    if (!wantsPage(request)) {
      return JsonErrorHandler.error(ErrorCode.INVALID_PARAMETER_VALUE, e.getMessage());
    }
    return page(request, response, 400, messages.get("error.generic"));
  }

  private static ModelAndView page(
      HttpServletRequest request, HttpServletResponse response, int status, String message) {
    response.setStatus(status);
    ModelAndView mav = new ModelAndView("error-page");
    mav.addObject("langUrls", WebModelAdvice.langUrls(request));
    mav.addObject("status", status);
    mav.addObject("message", message);
    return mav;
  }
}
