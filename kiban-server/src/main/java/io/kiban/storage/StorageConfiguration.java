package io.kiban.storage;

import io.kiban.platform.config.KibanProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean
  ArtifactStore artifactStore(KibanProperties properties) {
    return new LocalArtifactStore(properties.artifactRoot());
  }
}
