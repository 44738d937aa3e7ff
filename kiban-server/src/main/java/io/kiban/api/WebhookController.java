package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.workflow.WebhookService;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions and their delivery log (administrators). */
@RestController
@RequestMapping(path = "/api/kiban/v1/webhooks", produces = "application/json")
class WebhookController {

  record WebhookBody(
      String name,
      String url,
      @JsonProperty("event_types") String eventTypes,
      String format,
      @JsonProperty("authorization") String authorization,
      @JsonProperty("jira_project") String jiraProject,
      @JsonProperty("jira_issue_type") String jiraIssueType,
      Boolean active) {}

  private final WebhookService webhooks;

  WebhookController(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @GetMapping
  List<WebhookService.Webhook> list() {
    return webhooks.list();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody WebhookBody body) {
    WebhookService.Created c =
        webhooks.create(
            body.name(),
            body.url(),
            body.eventTypes(),
            body.format(),
            body.authorization(),
            body.jiraProject(),
            body.jiraIssueType());
    return Map.of("webhook", c.webhook(), "secret", c.secret());
  }

  @PatchMapping("/{id}")
  WebhookService.Webhook update(@PathVariable long id, @RequestBody WebhookBody body) {
    return body.active() == null ? webhooks.get(id) : webhooks.setActive(id, body.active());
  }

  @GetMapping("/{id}/deliveries")
  List<WebhookService.Delivery> deliveries(@PathVariable long id) {
    return webhooks.deliveries(id);
  }
}
