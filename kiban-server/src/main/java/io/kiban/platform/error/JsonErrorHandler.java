package io.kiban.platform.error;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into MLflow's error shape {@code {"error_code", "message"}} with the code's
 * HTTP status. Unexpected failures are logged with a reference id and never leak internals.
 */
@RestControllerAdvice
public class JsonErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);

  public static ResponseEntity<Map<String, String>> error(ErrorCode code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error_code", code.name());
    body.put("message", message);
    return ResponseEntity.status(code.httpStatus())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  @ExceptionHandler(KibanException.class)
  ResponseEntity<Map<String, String>> kiban(KibanException e) {
    return error(e.code(), e.getMessage());
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  ResponseEntity<Map<String, String>> notFound(HttpServletRequest request) {
    return error(
        ErrorCode.ENDPOINT_NOT_FOUND,
        "No endpoint " + request.getMethod() + " " + request.getRequestURI());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> methodNotAllowed(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return error(
        ErrorCode.METHOD_NOT_ALLOWED,
        "Method "
            + e.getMethod()
            + " is not allowed for "
            + request.getRequestURI()
            + "; use "
            + String.join(
                " or ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    if (tooLarge(e)) {
      return error(ErrorCode.REQUEST_TOO_LARGE, e.getMostSpecificCause().getMessage());
    }
    return error(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Malformed request body: " + e.getMostSpecificCause().getMessage());
  }

  /** Whether the failure comes from a body cut off by the request size limit. */
  public static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.kiban.platform.security.RequestSizeFilter.BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException e) {
    return error(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Missing value for required parameter '" + e.getParameterName() + "'.");
  }

  @ExceptionHandler({
    HttpMediaTypeNotSupportedException.class,
    HttpMediaTypeNotAcceptableException.class
  })
  ResponseEntity<Map<String, String>> mediaType(Exception e) {
    return error(ErrorCode.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Map<String, String>> integrity(DataIntegrityViolationException e) {
    log.warn("Rejected a write that violates a database constraint", e);
    return error(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "The request conflicts with stored data (a value is too long, or refers to something that"
            + " does not exist)");
  }

  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  ResponseEntity<Map<String, String>> unavailable(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("Database unavailable (reference {})", reference, e);
    return error(
        ErrorCode.TEMPORARILY_UNAVAILABLE,
        "The database is not available; try again (reference " + reference + ")");
  }

  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientGone() {
    // The client closed the connection; there is nobody to answer.
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> unexpected(Exception e, HttpServletRequest request) {
    String reference = UUID.randomUUID().toString();
    log.error(
        "Unexpected failure on {} {} (reference {})",
        request.getMethod(),
        request.getRequestURI(),
        reference,
        e);
    return error(
        ErrorCode.INTERNAL_ERROR,
        "Internal error; the server log has the details under reference " + reference);
  }
}
