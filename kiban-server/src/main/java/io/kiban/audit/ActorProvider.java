package io.kiban.audit;

/**
 * Names who is making the current change. Until sign-in exists every request is made by {@link
 * #ANONYMOUS}; the identity module replaces this bean with one that reads the authenticated user.
 */
@FunctionalInterface
public interface ActorProvider {

  String ANONYMOUS = "anonymous";

  String currentActor();
}
