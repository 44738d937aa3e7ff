package io.kiban.governance.inventory;

import io.kiban.platform.error.KibanException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The closed vocabularies of the inventory. Values travel as lower-case codes; the UI shows them
 * through messages {@code inv.<field>.<code>} in Japanese and English.
 */
public final class Codes {

  public static final List<String> STAGES =
      List.of("planning", "poc", "development", "validation", "production", "retired");
  public static final List<String> AI_TYPES =
      List.of("predictive_ml", "generative_ai", "rag", "agent", "rule_assisted");
  public static final List<String> SOURCING =
      List.of("in_house", "procured_product", "external_api");
  public static final List<String> EU_ROLES =
      List.of(
          "provider",
          "deployer",
          "importer",
          "distributor",
          "product_manufacturer",
          "authorised_representative");
  public static final List<String> AUTONOMY =
      List.of("human_decides", "human_in_the_loop", "human_on_the_loop", "fully_automated");
  public static final List<String> DATA_CATEGORIES =
      List.of("personal", "special_care", "confidential", "public");
  public static final List<String> LOCATIONS = List.of("on_premises", "domestic_cloud", "overseas");
  public static final List<String> TRAINING_USE = List.of("no", "yes", "opt_out", "unknown");
  public static final List<String> REVIEW_STATUS =
      List.of("not_reviewed", "in_review", "approved", "rejected");

  private Codes() {}

  /** The code, normalised; fails naming the field and the allowed codes. */
  public static String one(String field, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      throw KibanException.invalid("'" + field + "' is required; one of " + allowed + ".");
    }
    String code = value.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (!allowed.contains(code)) {
      throw KibanException.invalid(
          "'" + field + "' has the unknown value '" + value + "'; use one of " + allowed + ".");
    }
    return code;
  }

  public static List<String> many(String field, List<String> values, List<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values == null ? List.<String>of() : values) {
      if (v != null && !v.isBlank()) {
        out.add(one(field, v, allowed));
      }
    }
    return new ArrayList<>(out);
  }

  /** ISO 3166-1 alpha-2 country codes, upper case. */
  public static List<String> countries(String field, List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> known = Set.of(Locale.getISOCountries());
    for (String v : values == null ? List.<String>of() : values) {
      if (v == null || v.isBlank()) {
        continue;
      }
      String code = v.strip().toUpperCase(Locale.ROOT);
      if (!known.contains(code)) {
        throw KibanException.invalid(
            "'"
                + field
                + "' has '"
                + v
                + "', which is not an ISO 3166 country code (e.g. JP, US).");
      }
      out.add(code);
    }
    return new ArrayList<>(out);
  }

  /** Free text of at most {@code max} characters; blank becomes null. */
  public static String text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw KibanException.invalid("'" + field + "' is longer than " + max + " characters.");
    }
    return v;
  }

  /** Free text that must be present. */
  public static String required(String field, String value, int max) {
    String v = text(field, value, max);
    if (v == null) {
      throw KibanException.invalid("'" + field + "' is required.");
    }
    return v;
  }
}
