package io.kiban.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Chains events written before the audit chain existed, once, at start-up. */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = "kiban.commands",
    havingValue = "false",
    matchIfMissing = true)
@Order(-1)
class AuditChainStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AuditChainStartup.class);

  private final AuditChain chain;

  AuditChainStartup(AuditChain chain) {
    this.chain = chain;
  }

  @Override
  public void run(ApplicationArguments args) {
    int chained = chain.chainUnhashed();
    if (chained > 0) {
      log.info("Chained {} audit events written before the audit chain existed.", chained);
    }
  }
}
