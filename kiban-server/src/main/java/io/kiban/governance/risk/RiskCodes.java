package io.kiban.governance.risk;

import java.util.List;

/** Vocabularies of the risk register, shown through messages {@code risk.<field>.<code>}. */
public final class RiskCodes {

  /** The ten common principles of Japan's AI Business Guidelines. */
  public static final List<String> PRINCIPLES =
      List.of(
          "human_centric",
          "safety",
          "fairness",
          "privacy",
          "security",
          "transparency",
          "accountability",
          "education_literacy",
          "fair_competition",
          "innovation");

  /** NIST AI RMF 1.0 characteristics of trustworthy AI. */
  public static final List<String> CHARACTERISTICS =
      List.of(
          "valid_reliable",
          "safe",
          "secure_resilient",
          "accountable_transparent",
          "explainable_interpretable",
          "privacy_enhanced",
          "fair_bias_managed");

  public static final List<String> PHASES =
      List.of(
          "design", "data", "development", "validation", "deployment", "operation", "retirement");

  /** ISO 31000 risk treatment options. */
  public static final List<String> TREATMENTS =
      List.of(
          "avoid",
          "pursue_opportunity",
          "remove_source",
          "change_likelihood",
          "change_consequences",
          "share",
          "retain");

  /** Open and treating need work; accepted is a residual risk someone with authority took. */
  public static final List<String> STATUSES = List.of("open", "treating", "accepted", "closed");

  private RiskCodes() {}
}
