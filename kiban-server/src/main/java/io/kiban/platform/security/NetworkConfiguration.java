package io.kiban.platform.security;

import io.kiban.platform.config.KibanProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Network exposure: CORS is closed unless origins are configured; forwarded headers are trusted
 * only behind a proxy.
 */
@Configuration(proxyBeanMethods = false)
class NetworkConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(NetworkConfiguration.class);

  private final List<String> corsOrigins;

  NetworkConfiguration(KibanProperties properties) {
    this.corsOrigins =
        properties.security().corsAllowedOrigins().stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (!properties.loopbackOnly()) {
      log.info(
          "Listening on {}: every request needs a signed-in user or an API token.",
          properties.host());
    }
  }

  /**
   * Behind a TLS-terminating reverse proxy, X-Forwarded-Proto/Host/For and Forwarded are applied so
   * that redirects and links use the address the browser sees. Off by default: the headers would be
   * spoofable without a proxy in front.
   */
  @Bean
  FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaders(KibanProperties properties) {
    FilterRegistrationBean<ForwardedHeaderFilter> bean =
        new FilterRegistrationBean<>(new ForwardedHeaderFilter());
    bean.setEnabled(properties.security().behindProxy());
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (corsOrigins.isEmpty()) {
      return;
    }
    registry
        .addMapping("/api/**")
        .allowedOrigins(corsOrigins.toArray(String[]::new))
        .allowedMethods("GET", "POST", "PUT", "PATCH", "DELETE")
        .allowedHeaders("Content-Type", "Authorization")
        .maxAge(3600);
  }
}
