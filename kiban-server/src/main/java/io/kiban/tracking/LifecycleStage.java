package io.kiban.tracking;

import java.util.Locale;

/** Soft-delete state of experiments and runs, stored and sent in lower case. */
public enum LifecycleStage {
  ACTIVE,
  DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static LifecycleStage fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
