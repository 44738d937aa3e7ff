package io.kiban.identity;

import io.kiban.platform.error.KibanException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of the brief, each a fixed set of permissions. Wire names are lower case. */
public enum Role {
  ADMIN(EnumSet.allOf(Permission.class)),
  CAIO(
      EnumSet.of(
          Permission.READ,
          Permission.REPORT,
          Permission.GOVERN,
          Permission.APPROVE,
          Permission.SUSPEND,
          Permission.AUDIT)),
  GOVERNANCE_OFFICER(EnumSet.of(Permission.READ, Permission.REPORT, Permission.GOVERN)),
  COMMITTEE_MEMBER(EnumSet.of(Permission.READ, Permission.REPORT, Permission.APPROVE)),
  BUSINESS_OWNER(EnumSet.of(Permission.READ, Permission.REPORT, Permission.GOVERN)),
  MODEL_OWNER(
      EnumSet.of(
          Permission.READ,
          Permission.REPORT,
          Permission.TRACK,
          Permission.REGISTER,
          Permission.PROMOTE)),
  DATA_SCIENTIST(
      EnumSet.of(Permission.READ, Permission.REPORT, Permission.TRACK, Permission.REGISTER)),
  AUDITOR(EnumSet.of(Permission.READ, Permission.AUDIT)),
  VIEWER(EnumSet.of(Permission.READ));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String value) {
    if (value == null || value.isBlank()) {
      throw KibanException.invalid("A role is required; one of " + allNames());
    }
    String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Role role : values()) {
      if (role.name().equals(wanted)) {
        return role;
      }
    }
    throw KibanException.invalid("Unknown role '" + value + "'; one of " + allNames());
  }

  public static String allNames() {
    return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
  }
}
