package io.kiban.identity;

import io.kiban.audit.ActorProvider;
import org.springframework.stereotype.Component;

/** Audit events name the signed-in user, "system" for Kiban's own work, else "anonymous". */
@Component
class IdentityActorProvider implements ActorProvider {

  private final AccessControl access;

  IdentityActorProvider(AccessControl access) {
    this.access = access;
  }

  @Override
  public String currentActor() {
    String name = access.actorName();
    return name == null ? ANONYMOUS : name;
  }
}
