package io.kiban.platform.error;

/**
 * Every error Kiban reports, with its HTTP status. The names are MLflow's wire codes, so the MLflow
 * adapter can send them as they are; Kiban's own API uses the same codes.
 */
public enum ErrorCode {
  INVALID_PARAMETER_VALUE(400),
  RESOURCE_ALREADY_EXISTS(400),
  BAD_REQUEST(400),
  UNAUTHENTICATED(401),
  PERMISSION_DENIED(403),
  RESOURCE_DOES_NOT_EXIST(404),
  ENDPOINT_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  RESOURCE_CONFLICT(409),
  REQUEST_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  REQUEST_LIMIT_EXCEEDED(429),
  INTERNAL_ERROR(500),
  TEMPORARILY_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
