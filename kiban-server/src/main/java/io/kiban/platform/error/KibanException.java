package io.kiban.platform.error;

/** A failure that carries its {@link ErrorCode}; its message is shown to the client as is. */
public class KibanException extends RuntimeException {

  private final ErrorCode code;

  public KibanException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public KibanException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static KibanException invalid(String message) {
    return new KibanException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static KibanException notFound(String message) {
    return new KibanException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
  }

  public static KibanException alreadyExists(String message) {
    return new KibanException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
  }
}
