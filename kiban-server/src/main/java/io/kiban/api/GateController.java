package io.kiban.api;

import io.kiban.workflow.GateService;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gate policy and the stored gate evaluations. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class GateController {

  private final GateService gates;

  GateController(GateService gates) {
    this.gates = gates;
  }

  @GetMapping("/policy")
  Map<String, Object> policy() {
    GateService.PolicyVersion p = gates.policy();
    return Map.of("version", p.version(), "text", p.text(), "policy", p.policy());
  }

  @PutMapping(
      path = "/policy",
      consumes = {
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "application/json",
        "text/plain"
      })
  Map<String, Object> setPolicy(@RequestBody String text) {
    GateService.PolicyVersion p = gates.setPolicy(text);
    return Map.of("version", p.version(), "policy", p.policy());
  }

  @GetMapping("/gate-evaluations")
  List<GateService.Evaluation> evaluations(@RequestParam(defaultValue = "") String subject) {
    return gates.evaluations(subject);
  }
}
