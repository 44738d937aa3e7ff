package io.kiban.governance.risk;

import io.kiban.identity.Role;
import io.kiban.platform.config.KibanProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The likelihood x impact matrix (kiban.governance.risk-matrix): its size, the levels by score
 * (likelihood times impact) and, per level, the role that may accept a residual risk of that level
 * (kiban.governance.risk-acceptance). Invalid settings stop the start with a message.
 */
@Component
public class RiskMatrix {

  /** A level: its name and the highest score it covers. */
  public record Level(String name, int maxScore) {}

  private final int size;
  private final List<Level> levels;
  private final Map<String, Role> acceptance;

  @Autowired
  public RiskMatrix(KibanProperties properties) {
    this(
        properties.governance().riskMatrixSize(),
        properties.governance().riskLevels(),
        properties.governance().riskAcceptance());
  }

  public RiskMatrix(int size, List<String> levelDefinitions, List<String> acceptanceDefinitions) {
    if (size < 2 || size > 10) {
      throw new IllegalArgumentException("kiban.governance.risk-matrix-size must be 2 to 10");
    }
    this.size = size;
    List<Level> parsed = new ArrayList<>();
    int previous = 0;
    for (String def : levelDefinitions) {
      String[] parts = def.strip().split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "kiban.governance.risk-levels: '" + def + "' is not name:max-score");
      }
      int max;
      try {
        max = Integer.parseInt(parts[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "kiban.governance.risk-levels: '" + def + "' has no numeric max score", e);
      }
      if (max <= previous) {
        throw new IllegalArgumentException(
            "kiban.governance.risk-levels: max scores must rise; '" + def + "' does not");
      }
      parsed.add(new Level(parts[0].strip(), max));
      previous = max;
    }
    if (parsed.isEmpty() || previous < size * size) {
      throw new IllegalArgumentException(
          "kiban.governance.risk-levels must cover every score up to " + size * size);
    }
    this.levels = List.copyOf(parsed);
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String def : acceptanceDefinitions) {
      String[] parts = def.strip().split(":");
      if (parts.length != 2 || parsed.stream().noneMatch(l -> l.name().equals(parts[0].strip()))) {
        throw new IllegalArgumentException(
            "kiban.governance.risk-acceptance: '" + def + "' is not level:role with a known level");
      }
      roles.put(parts[0].strip(), Role.parse(parts[1]));
    }
    for (Level l : parsed) {
      if (!roles.containsKey(l.name())) {
        throw new IllegalArgumentException(
            "kiban.governance.risk-acceptance names no role for level '" + l.name() + "'");
      }
    }
    this.acceptance = Map.copyOf(roles);
  }

  public int size() {
    return size;
  }

  public List<Level> levels() {
    return levels;
  }

  public String level(int likelihood, int impact) {
    int score = likelihood * impact;
    for (Level l : levels) {
      if (score <= l.maxScore()) {
        return l.name();
      }
    }
    return levels.get(levels.size() - 1).name();
  }

  /** Index of a level, 0 for the lowest; for comparisons. */
  public int rank(String level) {
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).name().equals(level)) {
        return i;
      }
    }
    return -1;
  }

  public Role acceptedBy(String level) {
    return acceptance.get(level);
  }
}
