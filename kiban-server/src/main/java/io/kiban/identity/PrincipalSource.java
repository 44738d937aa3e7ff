package io.kiban.identity;

import java.util.Optional;

/**
 * Where the current request's principal comes from. The HTTP layer implements it from the
 * authenticated request; without one (start-up, background work) there is no principal.
 */
public interface PrincipalSource {

  Optional<KibanPrincipal> current();
}
