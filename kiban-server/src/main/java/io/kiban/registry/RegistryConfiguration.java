package io.kiban.registry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

  /** Until governance gates exist (workflow module) every promotion is allowed. */
  @Bean
  @ConditionalOnMissingBean
  PromotionGuard allowAllPromotions() {
    return promotion -> {};
  }
}
