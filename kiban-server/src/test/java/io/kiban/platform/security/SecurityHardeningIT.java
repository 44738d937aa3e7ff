package io.kiban.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Security headers, Host allow-list and closed CORS on a running server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHardeningIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
    registry.add("kiban.security.allowed-hosts", () -> "kiban.internal");
  }

  @LocalServerPort int port;

  String raw(String host, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    RawHttp http = new RawHttp(port);
    for (String path :
        new String[] {
          "/health",
          "/experiments",
          "/api/2.0/mlflow/experiments/get?experiment_id=0",
          "/api/2.0/mlflow/nope"
        }) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(http.base() + path)).header("Accept", "text/html"));
      assertThat(response.status()).as(path).isLessThan(500);
    }
    try {
      var headers =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(http.base() + "/experiments")).build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding())
              .headers();
      assertThat(headers.firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
      assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
      assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
      assertThat(headers.firstValue("Access-Control-Allow-Origin")).isEmpty();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void foreignHostHeadersAreRefused() throws IOException {
    String rebinding =
        raw("attacker.example:" + port, "/api/2.0/mlflow/experiments/get?experiment_id=0");
    assertThat(rebinding).startsWith("HTTP/1.1 403");
    assertThat(rebinding).contains("PERMISSION_DENIED", "attacker.example");
    assertThat(raw("localhost:" + port, "/health")).startsWith("HTTP/1.1 200");
    assertThat(raw("kiban.internal", "/health")).startsWith("HTTP/1.1 200");
  }

  @Test
  void corsIsClosedByDefault() {
    RawHttp http = new RawHttp(port);
    var preflight =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/api/2.0/mlflow/experiments/create"))
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(preflight.body()).doesNotContain("Access-Control-Allow-Origin");
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(http.base() + "/api/2.0/mlflow/experiments/create"))
                      .header("Origin", "https://evil.example")
                      .header("Access-Control-Request-Method", "POST")
                      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
