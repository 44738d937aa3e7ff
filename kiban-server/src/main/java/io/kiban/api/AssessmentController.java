package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.governance.assessment.AssessmentService;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Impact assessments: templates, submissions, reviews. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class AssessmentController {

  record SubmissionBody(
      String template,
      String version,
      Map<String, String> answers,
      @JsonProperty("reassess_by") String reassessBy) {}

  record ReviewBody(String decision, String comment) {}

  private final AssessmentService assessments;

  AssessmentController(AssessmentService assessments) {
    this.assessments = assessments;
  }

  @GetMapping("/assessment-templates")
  List<AssessmentService.Template> templates() {
    return assessments.templates();
  }

  @GetMapping("/assessment-templates/{key}")
  AssessmentService.Template template(
      @PathVariable String key, @RequestParam(required = false) String version) {
    return assessments.template(key, version);
  }

  @PostMapping(path = "/assessment-templates", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  AssessmentService.Template addTemplate(@RequestBody String definition) {
    return assessments.addTemplate(definition);
  }

  @PostMapping("/use-cases/{key}/assessments")
  @ResponseStatus(HttpStatus.CREATED)
  AssessmentService.Assessment submit(@PathVariable String key, @RequestBody SubmissionBody body) {
    return assessments.submit(
        key, body.template(), body.version(), body.answers(), body.reassessBy());
  }

  @GetMapping("/use-cases/{key}/assessments")
  List<AssessmentService.Assessment> list(@PathVariable String key) {
    return assessments.list(key);
  }

  @GetMapping("/assessments/{id}")
  AssessmentService.Assessment get(@PathVariable long id) {
    return assessments.get(id);
  }

  @PostMapping("/assessments/{id}/review")
  AssessmentService.Assessment review(@PathVariable long id, @RequestBody ReviewBody body) {
    return assessments.review(id, body.decision(), body.comment());
  }
}
