package io.kiban.api;

import io.kiban.audit.AuditChain;
import io.kiban.platform.error.KibanException;
import io.kiban.workflow.AuditTrailService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: history of an object, verification of the chain. */
@RestController
@RequestMapping(path = "/api/kiban/v1/audit", produces = "application/json")
class AuditController {

  private final AuditTrailService trail;

  AuditController(AuditTrailService trail) {
    this.trail = trail;
  }

  @GetMapping("/events")
  List<AuditChain.ChainedEvent> events(
      @RequestParam(name = "entity_type") String entityType,
      @RequestParam(name = "entity_id") String entityId) {
    if (entityType.isBlank() || entityId.isBlank()) {
      throw KibanException.invalid("'entity_type' and 'entity_id' are required.");
    }
    return trail.history(entityType, entityId);
  }

  @GetMapping("/verify")
  AuditChain.Verification verify() {
    return trail.verify();
  }
}
