package io.kiban.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  @Fallback
  ActorProvider anonymousActorProvider() {
    return () -> ActorProvider.ANONYMOUS;
  }
}
