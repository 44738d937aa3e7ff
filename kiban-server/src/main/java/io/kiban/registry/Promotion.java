package io.kiban.registry;

/**
 * A change that may move a model version towards production: setting an alias, or a stage
 * transition. {@code target} is the alias name or the stage's wire name; {@code removal} marks
 * taking an alias away (alias deleted, or its version or model deleted).
 */
public record Promotion(
    String modelName, String version, Kind kind, String target, boolean removal) {

  /** A change that puts the version at the target (not a removal). */
  public Promotion(String modelName, String version, Kind kind, String target) {
    this(modelName, version, kind, target, false);
  }

  public enum Kind {
    ALIAS,
    STAGE
  }
}
