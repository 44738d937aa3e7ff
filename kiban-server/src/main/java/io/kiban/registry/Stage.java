package io.kiban.registry;

import io.kiban.platform.error.KibanException;

/** MLflow's model version stages, with their wire names. */
public enum Stage {
  NONE("None"),
  STAGING("Staging"),
  PRODUCTION("Production"),
  ARCHIVED("Archived");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Case-insensitive, as MLflow accepts "production" and "Production". */
  public static Stage parse(String value) {
    if (value != null) {
      for (Stage s : values()) {
        if (s.wireName.equalsIgnoreCase(value.strip())) {
          return s;
        }
      }
    }
    throw KibanException.invalid(
        "Invalid Model Version stage: "
            + value
            + ". Value must be one of None, Staging, Production, Archived.");
  }

  static Stage fromWire(String value) {
    return parse(value);
  }
}
