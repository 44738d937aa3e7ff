package io.kiban.audit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ActorProvider anonymousActorProvider() {
    return () -> ActorProvider.ANONYMOUS;
  }
}
