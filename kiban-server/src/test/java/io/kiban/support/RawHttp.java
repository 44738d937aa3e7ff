package io.kiban.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls for what the MLflow Java client cannot send (bad input, DELETE, PUT). */
public final class RawHttp {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** A response: status, raw body and (when the body is JSON) its tree. */
  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String errorCode() {
      return json().path("error_code").asString();
    }

    public String message() {
      return json().path("message").asString();
    }
  }

  private final String base;
  private final String authorization;
  private final HttpClient client = HttpClient.newHttpClient();

  /** Calls as the test administrator (HTTP Basic). */
  public RawHttp(int port) {
    this(port, TestAuth.adminBasic());
  }

  /** Calls with the given Authorization header value, or none when null. */
  public RawHttp(int port, String authorization) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = authorization;
  }

  public static RawHttp anonymous(int port) {
    return new RawHttp(port, null);
  }

  public static RawHttp withToken(int port, String token) {
    return new RawHttp(port, "Bearer " + token);
  }

  public static RawHttp withPassword(int port, String user, String password) {
    return new RawHttp(port, TestAuth.basic(user, password));
  }

  public String base() {
    return base;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response method(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
