package io.kiban.tracking;

import io.kiban.platform.error.KibanException;

public enum RunStatus {
  RUNNING,
  SCHEDULED,
  FINISHED,
  FAILED,
  KILLED;

  public static RunStatus parse(String value) {
    try {
      return valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw KibanException.invalid(
          "Invalid run status '"
              + value
              + "': use one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED");
    }
  }
}
