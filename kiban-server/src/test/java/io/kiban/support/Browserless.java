package io.kiban.support;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that signs in and posts forms like a browser does (session cookie,
 * CSRF token from the page), without following redirects so tests can see them.
 */
public final class Browserless {

  private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
  private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public Browserless(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
  }

  /** Posts a form; with {@code withCsrf}, the token is taken from the page at {@code formPage}. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields, String formPage) {
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    if (formPage != null) {
      all.put("_csrf", csrfOf(get(formPage).body()));
    }
    String body = encode(all);
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Signs in through the form; returns the redirect target. */
  public String signIn(String username, String password) {
    HttpResponse<String> response =
        postForm("/signin", Map.of("username", username, "password", password), "/signin");
    return response.headers().firstValue("Location").orElse("");
  }

  static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static String csrfOf(String html) {
    Matcher input = CSRF_INPUT.matcher(html);
    if (!input.find()) {
      throw new AssertionError("No CSRF token in the page");
    }
    Matcher value = VALUE.matcher(input.group());
    if (!value.find()) {
      throw new AssertionError("CSRF input without value: " + input.group());
    }
    return value.group(1);
  }

  /** GET of an absolute URL (another server, such as an identity provider). */
  public HttpResponse<String> getAbsolute(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
  }

  /** GET of an absolute URL asking for JSON. */
  public HttpResponse<String> getJson(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
  }

  /** Posts a form to an absolute URL. */
  public HttpResponse<String> postAbsolute(String url, Map<String, String> fields) {
    String body = encode(fields);
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public java.util.List<java.net.HttpCookie> cookies() {
    return cookies.getCookieStore().getCookies();
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
