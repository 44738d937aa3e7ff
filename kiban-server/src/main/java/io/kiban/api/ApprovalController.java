package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.workflow.ApprovalService;
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

/** Approval requests under the policy's approval flows, decisions, and each user's inbox. */
@RestController
@RequestMapping(path = "/api/kiban/v1/approvals", produces = "application/json")
class ApprovalController {

  record AskBody(
      String flow,
      @JsonProperty("target_kind") String targetKind,
      String target,
      @JsonProperty("to_stage") String toStage,
      String comment) {}

  record DecisionBody(String decision, String comment) {}

  record CommentBody(String comment) {}

  private final ApprovalService approvals;

  ApprovalController(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ApprovalService.Request request(@RequestBody AskBody body) {
    return approvals.request(
        body.flow(), body.targetKind(), body.target(), body.toStage(), body.comment());
  }

  @GetMapping
  List<ApprovalService.Request> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String subject,
      @RequestParam(name = "requested_by", required = false) String requestedBy) {
    return approvals.list(status, subject, requestedBy);
  }

  @GetMapping("/inbox")
  List<ApprovalService.Request> inbox() {
    return approvals.inbox();
  }

  @GetMapping("/{id}")
  ApprovalService.Request get(@PathVariable long id) {
    return approvals.get(id);
  }

  @PostMapping("/{id}/decisions")
  ApprovalService.Request decide(@PathVariable long id, @RequestBody DecisionBody body) {
    return approvals.decide(id, body.decision(), body.comment());
  }

  @PostMapping("/{id}/resubmit")
  ApprovalService.Request resubmit(@PathVariable long id, @RequestBody CommentBody body) {
    return approvals.resubmit(id, body.comment());
  }

  @PostMapping("/{id}/withdraw")
  ApprovalService.Request withdraw(@PathVariable long id, @RequestBody CommentBody body) {
    return approvals.withdraw(id, body.comment());
  }
}
