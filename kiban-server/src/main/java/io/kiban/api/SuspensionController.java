package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.workflow.SuspensionService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Suspensions (veto) of use cases and model versions, and their two-person lifting. */
@RestController
@RequestMapping(path = "/api/kiban/v1/suspensions", produces = "application/json")
class SuspensionController {

  record SuspendBody(
      @JsonProperty("target_kind") String targetKind, String target, String reason) {}

  record ReasonBody(String reason) {}

  private final SuspensionService suspensions;

  SuspensionController(SuspensionService suspensions) {
    this.suspensions = suspensions;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  SuspensionService.Suspension suspend(@RequestBody SuspendBody body) {
    return suspensions.suspend(body.targetKind(), body.target(), body.reason());
  }

  @GetMapping
  List<SuspensionService.Suspension> list(@RequestParam(defaultValue = "true") boolean active) {
    return suspensions.list(active);
  }

  @GetMapping("/{id}")
  SuspensionService.Suspension get(@PathVariable long id) {
    return suspensions.get(id);
  }

  @PostMapping("/{id}/lift-request")
  SuspensionService.Suspension requestLift(@PathVariable long id, @RequestBody ReasonBody body) {
    return suspensions.requestLift(id, body.reason());
  }

  @PostMapping("/{id}/lift-approval")
  SuspensionService.Suspension approveLift(@PathVariable long id) {
    return suspensions.approveLift(id);
  }
}
