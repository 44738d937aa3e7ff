package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.workflow.IncidentService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incidents with their EU AI Act reporting clock and timeline. */
@RestController
@RequestMapping(path = "/api/kiban/v1/incidents", produces = "application/json")
class IncidentController {

  record IncidentBody(
      @JsonProperty("use_case") String useCase,
      @JsonProperty("model_name") String modelName,
      @JsonProperty("model_version") String modelVersion,
      String title,
      String severity,
      String description,
      @JsonProperty("harm_categories") List<String> harmCategories,
      @JsonProperty("affected_people") String affectedPeople,
      @JsonProperty("detected_at") String detectedAt,
      @JsonProperty("aware_at") String awareAt,
      @JsonProperty("initial_response") String initialResponse,
      @JsonProperty("impact_assessment") String impactAssessment,
      @JsonProperty("root_cause") String rootCause,
      @JsonProperty("corrective_actions") String correctiveActions,
      @JsonProperty("preventive_actions") String preventiveActions,
      String status,
      Boolean serious,
      @JsonProperty("serious_kind") String seriousKind,
      @JsonProperty("reported_at") String reportedAt,
      @JsonProperty("report_reference") String reportReference,
      String note) {

    IncidentService.Input input() {
      return new IncidentService.Input(
          useCase,
          modelName,
          modelVersion,
          title,
          severity,
          description,
          harmCategories,
          affectedPeople,
          detectedAt,
          awareAt,
          initialResponse,
          impactAssessment,
          rootCause,
          correctiveActions,
          preventiveActions,
          status,
          serious,
          seriousKind,
          reportedAt,
          reportReference,
          note);
    }
  }

  private final IncidentService incidents;

  IncidentController(IncidentService incidents) {
    this.incidents = incidents;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  IncidentService.Incident report(@RequestBody IncidentBody body) {
    return incidents.report(body.input());
  }

  @GetMapping
  List<IncidentService.Incident> list(
      @RequestParam(name = "use_case", required = false) String useCase,
      @RequestParam(required = false) String status,
      @RequestParam(name = "open", defaultValue = "false") boolean open,
      @RequestParam(name = "clock", required = false) String clock) {
    return incidents.list(useCase, status, open, clock);
  }

  @GetMapping("/{id}")
  IncidentService.Incident get(@PathVariable long id) {
    return incidents.get(id);
  }

  @PatchMapping("/{id}")
  IncidentService.Incident update(@PathVariable long id, @RequestBody IncidentBody body) {
    return incidents.update(id, body.input());
  }

  @GetMapping("/{id}/timeline")
  List<IncidentService.TimelineEntry> timeline(@PathVariable long id) {
    return incidents.timeline(id);
  }
}
