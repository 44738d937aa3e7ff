package io.kiban.identity;

import io.kiban.platform.config.KibanProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Maps the identity provider's groups to Kiban roles: {@code group=role} (global) or {@code
 * group=role@workspace}. Invalid entries stop the start with a message naming them.
 */
@Component
public class RoleMapping {

  /** A role to grant, in a workspace or globally. */
  public record Target(Role role, String workspace) {}

  private final Map<String, List<Target>> byGroup = new LinkedHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  public RoleMapping(KibanProperties properties) {
    this(properties.oidc().roleMappings());
  }

  public RoleMapping(List<String> entries) {
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "kiban.oidc.role-mappings: '" + entry + "' is not of the form group=role[@workspace]");
      }
      String group = entry.substring(0, eq).strip();
      String target = entry.substring(eq + 1).strip();
      int at = target.indexOf('@');
      String roleName = at < 0 ? target : target.substring(0, at);
      String workspace = at < 0 ? Grant.GLOBAL : target.substring(at + 1).strip();
      Role role;
      try {
        role = Role.parse(roleName);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "kiban.oidc.role-mappings: '" + entry + "': " + e.getMessage(), e);
      }
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(new Target(role, workspace));
    }
  }

  public List<Target> targetsFor(List<String> groups) {
    List<Target> targets = new ArrayList<>();
    for (String group : groups) {
      for (Target t : byGroup.getOrDefault(group, List.of())) {
        if (!targets.contains(t)) {
          targets.add(t);
        }
      }
    }
    return targets;
  }
}
