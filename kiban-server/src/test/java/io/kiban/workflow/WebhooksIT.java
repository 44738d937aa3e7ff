package io.kiban.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kiban.notify.WebhookDispatcher;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real HTTP receiver: signed deliveries, retries with backoff through a receiver
 * that fails and then recovers, Slack and Jira payloads, and a change that never waits for a dead
 * receiver.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kiban.webhooks.backoff-millis=50", "kiban.webhooks.poll-millis=100"})
class WebhooksIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  record Received(String path, Map<String, String> headers, String body) {}

  @LocalServerPort int port;
  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new java.util.HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
          if (status == 200) {
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  JsonNode waitForDelivery(RawHttp http, long hook, int count) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonNode d = http.get("/api/kiban/v1/webhooks/" + hook + "/deliveries").json();
      int delivered = 0;
      for (JsonNode n : d) {
        if (n.path("status").asString().equals("delivered")) {
          delivered++;
        }
      }
      if (delivered >= count) {
        return d;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no delivery in time");
  }

  @Test
  void signedDeliveriesAreRetriedUntilTheReceiverRecovers() throws Exception {
    RawHttp http = new RawHttp(port);
    Response created =
        http.post(
            "/api/kiban/v1/webhooks",
            "{\"name\":\"registry feed\",\"url\":\""
                + receiverUrl("/hook")
                + "\",\"event_types\":\"registry.*\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long hook = created.json().path("webhook").path("id").asLong();
    String secret = created.json().path("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(http.get("/api/kiban/v1/webhooks").body()).doesNotContain(secret);

    failuresLeft.set(2);
    assertThat(
            http.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"hooked-model\"}")
                .status())
        .isEqualTo(200);
    JsonNode deliveries = waitForDelivery(http, hook, 1);
    JsonNode d = deliveries.get(0);
    assertThat(d.path("attempts").asInt()).as("failed twice, then delivered").isEqualTo(3);
    assertThat(d.path("eventType").asString()).isEqualTo("registry.model.created");
    Received r = received.get(0);
    JsonNode payload = JsonMapper.builder().build().readTree(r.body());
    assertThat(payload.path("event").asString()).isEqualTo("registry.model.created");
    assertThat(payload.path("data").path("model").asString()).isEqualTo("hooked-model");
    String expected =
        WebhookDispatcher.sign(secret, r.headers().get("x-kiban-timestamp") + "." + r.body());
    assertThat(r.headers().get("x-kiban-signature")).isEqualTo("sha256=" + expected);
    assertThat(r.headers().get("x-kiban-event")).isEqualTo("registry.model.created");
  }

  @Test
  void slackAndJiraReceiveTheirOwnFormats() throws Exception {
    RawHttp http = new RawHttp(port);
    long slack =
        http.post(
                "/api/kiban/v1/webhooks",
                "{\"name\":\"slack\",\"url\":\""
                    + receiverUrl("/slack")
                    + "\",\"event_types\":\"registry.model.created\",\"format\":\"slack\"}")
            .json()
            .path("webhook")
            .path("id")
            .asLong();
    long jira =
        http.post(
                "/api/kiban/v1/webhooks",
                "{\"name\":\"jira\",\"url\":\""
                    + receiverUrl("/rest/api/2/issue")
                    + "\",\"event_types\":\"registry.model.created\",\"format\":\"jira\",\"jira_project\":\"GOV\",\"authorization\":\"Bearer jira-token\"}")
            .json()
            .path("webhook")
            .path("id")
            .asLong();
    assertThat(
            http.post("/api/kiban/v1/webhooks", "{\"name\":\"bad\",\"url\":\"ftp://x\"}").status())
        .isEqualTo(400);
    assertThat(
            http.post(
                    "/api/kiban/v1/webhooks",
                    "{\"name\":\"bad\",\"url\":\"https://jira\",\"format\":\"jira\"}")
                .status())
        .isEqualTo(400);
    http.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"formatted-model\"}");
    waitForDelivery(http, slack, 1);
    waitForDelivery(http, jira, 1);
    Received s = received.stream().filter(x -> x.path().equals("/slack")).findFirst().orElseThrow();
    assertThat(JsonMapper.builder().build().readTree(s.body()).path("text").asString())
        .contains("[Kiban]", "formatted-model");
    Received j =
        received.stream()
            .filter(x -> x.path().equals("/rest/api/2/issue"))
            .findFirst()
            .orElseThrow();
    JsonNode fields = JsonMapper.builder().build().readTree(j.body()).path("fields");
    assertThat(fields.path("project").path("key").asString()).isEqualTo("GOV");
    assertThat(fields.path("issuetype").path("name").asString()).isEqualTo("Task");
    assertThat(fields.path("summary").asString()).contains("formatted-model");
    assertThat(j.headers().get("authorization")).isEqualTo("Bearer jira-token");
  }

  @Test
  void aDeadReceiverNeverBlocksTheChange() throws Exception {
    RawHttp http = new RawHttp(port);
    long hook =
        http.post(
                "/api/kiban/v1/webhooks",
                "{\"name\":\"dead\",\"url\":\"http://127.0.0.1:9/nowhere\",\"event_types\":\"*\"}")
            .json()
            .path("webhook")
            .path("id")
            .asLong();
    long start = System.nanoTime();
    assertThat(
            http.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"unbothered\"}")
                .status())
        .isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("the change does not wait for delivery")
        .isLessThan(5000);
    for (int i = 0; i < 50; i++) {
      JsonNode d = http.get("/api/kiban/v1/webhooks/" + hook + "/deliveries").json();
      if (d.size() > 0 && d.get(0).path("attempts").asInt() >= 2) {
        assertThat(d.get(0).path("status").asString()).isIn("pending", "failed");
        assertThat(d.get(0).path("lastError").asString()).isNotBlank();
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no retry recorded");
  }
}
