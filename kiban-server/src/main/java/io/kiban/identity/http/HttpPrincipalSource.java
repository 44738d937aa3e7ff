package io.kiban.identity.http;

import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.PrincipalSource;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The principal that {@link PrincipalRefreshFilter} or a credential filter put on this request. */
@Component
class HttpPrincipalSource implements PrincipalSource {

  @Override
  public Optional<KibanPrincipal> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof KibanAuthentication k && k.kibanPrincipal() != null) {
      return Optional.of(k.kibanPrincipal());
    }
    return Optional.empty();
  }
}
