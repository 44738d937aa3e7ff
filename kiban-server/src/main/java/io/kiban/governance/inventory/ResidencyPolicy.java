package io.kiban.governance.inventory;

import io.kiban.platform.config.KibanProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Data-residency rules (kiban.governance.residency-rules): a use case holding one of a rule's data
 * categories must not store or process data, or use a vendor that keeps data, at one of the rule's
 * locations. Invalid rules stop the start with a message naming them.
 */
@Component
public class ResidencyPolicy {

  /** One rule. */
  public record Rule(String id, List<String> categories, List<String> locations) {}

  /** A broken rule and why. */
  public record Violation(String ruleId, String detail) {}

  private final List<Rule> rules;

  @org.springframework.beans.factory.annotation.Autowired
  public ResidencyPolicy(KibanProperties properties) {
    this(properties.governance().residencyRules());
  }

  ResidencyPolicy(List<String> definitions) {
    List<Rule> parsed = new ArrayList<>();
    for (String raw : definitions) {
      String def = raw.strip();
      if (def.isEmpty()) {
        continue;
      }
      String[] parts = def.split(":");
      if (parts.length != 3 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            "kiban.governance.residency-rules: '" + def + "' is not id:categories:locations");
      }
      try {
        parsed.add(
            new Rule(
                parts[0].strip(),
                Codes.many("categories", List.of(parts[1].split("\\+")), Codes.DATA_CATEGORIES),
                Codes.many("locations", List.of(parts[2].split("\\+")), Codes.LOCATIONS)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "kiban.governance.residency-rules: '" + def + "': " + e.getMessage(), e);
      }
    }
    this.rules = List.copyOf(parsed);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rules the use case breaks, with the facts that break them. */
  public List<Violation> evaluate(UseCaseData useCase, Vendor vendor) {
    List<Violation> out = new ArrayList<>();
    for (Rule rule : rules) {
      List<String> held =
          useCase.dataCategories().stream().filter(rule.categories()::contains).toList();
      if (held.isEmpty()) {
        continue;
      }
      List<String> where = new ArrayList<>();
      if (rule.locations().contains(useCase.storageLocation())) {
        where.add("stored " + useCase.storageLocation());
      }
      if (rule.locations().contains(useCase.processingLocation())) {
        where.add("processed " + useCase.processingLocation());
      }
      if (vendor != null && rule.locations().contains(vendor.dataLocation())) {
        where.add(
            "vendor "
                + vendor.provider()
                + " / "
                + vendor.service()
                + " keeps data "
                + vendor.dataLocation()
                + " ("
                + vendor.hostingCountry()
                + ")");
      }
      if (!where.isEmpty()) {
        out.add(
            new Violation(
                rule.id(),
                "Data categories "
                    + held
                    + " may not be "
                    + rule.locations()
                    + ", but: "
                    + String.join("; ", where)
                    + (useCase.overseasCountries().isEmpty()
                        ? ""
                        : " (countries " + useCase.overseasCountries() + ")")));
      }
    }
    return out;
  }
}
