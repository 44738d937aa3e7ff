package io.kiban.api;

import io.kiban.governance.classification.ClassificationService;
import io.kiban.governance.classification.EuAiActQuestionnaire;
import io.kiban.platform.error.KibanException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** EU AI Act classification and the organisation's own risk tier. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class ClassificationController {

  private final ClassificationService classifications;

  ClassificationController(ClassificationService classifications) {
    this.classifications = classifications;
  }

  @GetMapping("/classification/questionnaire")
  Map<String, Object> questionnaire() {
    return Map.of(
        "version", EuAiActQuestionnaire.VERSION, "questions", EuAiActQuestionnaire.QUESTIONS);
  }

  @PostMapping("/use-cases/{key}/classifications")
  @ResponseStatus(HttpStatus.CREATED)
  ClassificationService.Classification classify(
      @PathVariable String key, @RequestBody Map<String, Object> answers) {
    return classifications.classify(key, answers);
  }

  @GetMapping("/use-cases/{key}/classifications")
  List<ClassificationService.Classification> history(@PathVariable String key) {
    return classifications.history(key);
  }

  @GetMapping("/use-cases/{key}/classifications/current")
  ClassificationService.Classification current(@PathVariable String key) {
    return classifications
        .current(key)
        .orElseThrow(
            () -> KibanException.notFound("Use case '" + key + "' is not classified yet."));
  }

  @GetMapping("/tier-criteria")
  Map<String, Object> criteria() {
    ClassificationService.CriteriaVersion c = classifications.criteria();
    return Map.of("version", c.version(), "criteria", c.criteria());
  }

  @PutMapping(path = "/tier-criteria", consumes = "application/json")
  Map<String, Object> setCriteria(@RequestBody String definition) {
    ClassificationService.CriteriaVersion c = classifications.setCriteria(definition);
    return Map.of("version", c.version(), "criteria", c.criteria());
  }

  @PostMapping("/use-cases/{key}/internal-tier")
  @ResponseStatus(HttpStatus.CREATED)
  ClassificationService.InternalTier evaluate(@PathVariable String key) {
    return classifications.evaluateInternalTier(key);
  }

  @GetMapping("/use-cases/{key}/internal-tier")
  List<ClassificationService.InternalTier> internalTiers(@PathVariable String key) {
    return classifications.internalTiers(key);
  }
}
