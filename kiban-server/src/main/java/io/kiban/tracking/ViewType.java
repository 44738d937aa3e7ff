package io.kiban.tracking;

import io.kiban.platform.error.KibanException;

/** Which lifecycle stages a search returns. */
public enum ViewType {
  ACTIVE_ONLY,
  DELETED_ONLY,
  ALL;

  public static ViewType parse(String value) {
    if (value == null || value.isEmpty()) {
      return ACTIVE_ONLY;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw KibanException.invalid(
          "Invalid view type '" + value + "': use ACTIVE_ONLY, DELETED_ONLY or ALL");
    }
  }

  String sqlCondition(String column) {
    return switch (this) {
      case ACTIVE_ONLY -> column + " = 'active'";
      case DELETED_ONLY -> column + " = 'deleted'";
      case ALL -> "1 = 1";
    };
  }
}
