package io.kiban.web;

import io.kiban.workflow.AuditTrailService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail screen: the history of any object, and the chain's verification. */
@Controller
class AuditPages {

  private final AuditTrailService trail;

  AuditPages(AuditTrailService trail) {
    this.trail = trail;
  }

  @GetMapping("/audit")
  String audit(
      @RequestParam(name = "entity_type", defaultValue = "") String entityType,
      @RequestParam(name = "entity_id", defaultValue = "") String entityId,
      @RequestParam(defaultValue = "false") boolean verify,
      Model model) {
    model.addAttribute("entityType", entityType);
    model.addAttribute("entityId", entityId);
    if (!entityType.isBlank() && !entityId.isBlank()) {
      model.addAttribute("events", trail.history(entityType.strip(), entityId.strip()));
    } else {
      trail.verify();
    }
    if (verify) {
      model.addAttribute("verification", trail.verify());
    }
    return "audit";
  }
}
