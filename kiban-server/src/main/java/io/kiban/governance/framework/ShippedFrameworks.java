package io.kiban.governance.framework;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the shipped catalogs at start-up (only what is missing, so restarts change nothing). */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = "kiban.commands",
    havingValue = "false",
    matchIfMissing = true)
@Order(1)
class ShippedFrameworks implements ApplicationRunner {

  private final FrameworkService frameworks;

  ShippedFrameworks(FrameworkService frameworks) {
    this.frameworks = frameworks;
  }

  @Override
  public void run(ApplicationArguments args) {
    frameworks.loadShipped();
  }
}
