package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.governance.risk.Risk;
import io.kiban.governance.risk.RiskInput;
import io.kiban.governance.risk.RiskService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The risk register: risks, acceptance, heat map and trend. */
@RestController
@RequestMapping(path = "/api/kiban/v1/risks", produces = "application/json")
class RiskController {

  /** A risk as clients send it (snake_case). */
  record RiskBody(
      @JsonProperty("use_case") String useCase,
      String model,
      String title,
      String description,
      String principle,
      String characteristic,
      @JsonProperty("lifecycle_phase") String lifecyclePhase,
      Integer likelihood,
      Integer impact,
      String treatment,
      @JsonProperty("treatment_plan") String treatmentPlan,
      @JsonProperty("residual_likelihood") Integer residualLikelihood,
      @JsonProperty("residual_impact") Integer residualImpact,
      String owner,
      @JsonProperty("review_date") String reviewDate,
      String status,
      List<String> controls) {

    RiskInput input() {
      return new RiskInput(
          useCase,
          model,
          title,
          description,
          principle,
          characteristic,
          lifecyclePhase,
          likelihood,
          impact,
          treatment,
          treatmentPlan,
          residualLikelihood,
          residualImpact,
          owner,
          reviewDate,
          status,
          controls);
    }
  }

  record Acceptance(String rationale) {}

  private final RiskService risks;

  RiskController(RiskService risks) {
    this.risks = risks;
  }

  @GetMapping
  List<Map<String, Object>> list(
      @RequestParam(name = "use_case", required = false) String useCase,
      @RequestParam(required = false) String status,
      @RequestParam(name = "residual_level", required = false) String level) {
    return risks.list(useCase, status, level).stream().map(RiskController::json).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody RiskBody body) {
    return json(risks.create(body.input()));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return json(risks.get(id));
  }

  @PutMapping("/{id}")
  Map<String, Object> update(@PathVariable long id, @RequestBody RiskBody body) {
    return json(risks.update(id, body.input()));
  }

  @PostMapping("/{id}/accept")
  Map<String, Object> accept(@PathVariable long id, @RequestBody Acceptance body) {
    return json(risks.accept(id, body.rationale()));
  }

  @GetMapping("/heatmap")
  RiskService.HeatMap heatMap(@RequestParam(name = "use_case", required = false) String useCase) {
    return risks.heatMap(useCase);
  }

  @GetMapping("/trend")
  List<RiskService.TrendPoint> trend(
      @RequestParam(name = "use_case", required = false) String useCase,
      @RequestParam(defaultValue = "90") int days) {
    return risks.trend(useCase, days);
  }

  static Map<String, Object> json(Risk r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.riskId());
    m.put("use_case", r.useCaseKey());
    m.put("model", r.modelName());
    m.put("title", r.title());
    m.put("description", r.description());
    m.put("principle", r.principle());
    m.put("characteristic", r.characteristic());
    m.put("lifecycle_phase", r.lifecyclePhase());
    m.put("likelihood", r.likelihood());
    m.put("impact", r.impact());
    m.put("inherent_level", r.inherentLevel());
    m.put("treatment", r.treatment());
    m.put("treatment_plan", r.treatmentPlan());
    m.put("residual_likelihood", r.residualLikelihood());
    m.put("residual_impact", r.residualImpact());
    m.put("residual_level", r.residualLevel());
    m.put("owner", r.owner());
    m.put("review_date", r.reviewDate());
    m.put("status", r.status());
    m.put("accepted_by", r.acceptedBy());
    m.put("accepted_at", r.acceptedAt());
    m.put("acceptance_rationale", r.acceptanceRationale());
    m.put("controls", r.controls());
    m.put("created_at", r.createdAt());
    m.put("updated_at", r.updatedAt());
    m.put("created_by", r.createdBy());
    return m;
  }
}
