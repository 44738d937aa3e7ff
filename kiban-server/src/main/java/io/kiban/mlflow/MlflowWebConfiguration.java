package io.kiban.mlflow;

import java.util.List;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class MlflowWebConfiguration implements WebMvcConfigurer {

  /**
   * Lets percent-encoded slashes reach the artifact proxy, which decodes and validates the path
   * itself, instead of Tomcat answering them with an HTML error page.
   */
  @Bean
  TomcatConnectorCustomizer encodedSlashesPassThrough() {
    return connector -> connector.setEncodedSolidusHandling("passthrough");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new MlflowRequestResolver());
  }
}
