package io.kiban.registry;

/**
 * A change that may move a model version towards production: setting an alias, or a stage
 * transition. {@code target} is the alias name or the stage's wire name.
 */
public record Promotion(String modelName, String version, Kind kind, String target) {

  public enum Kind {
    ALIAS,
    STAGE
  }
}
