package io.kiban.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures a running MLflow-compatible tracking server (Kiban or MLflow) over HTTP.
 *
 * <pre>
 * java -jar kiban-bench.jar [--url http://127.0.0.1:5000] [--only ingest,history,bulk,search]
 *     [--clients 4] [--seconds 20] [--history-points 100000] [--bulk-points 1000000]
 *     [--search-runs 100000] [--repeat 30]
 * </pre>
 */
public final class Bench {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String api;
  private final HttpClient http;
  private final Map<String, String> options;

  Bench(Map<String, String> options) {
    this.options = options;
    this.api = options.getOrDefault("url", "http://127.0.0.1:5000") + "/api/2.0/mlflow/";
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println(
            "usage: kiban bench [--url U] [--token T] [--only ingest,history,bulk,search] ...");
        System.exit(2);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    Bench bench = new Bench(options);
    List<String> only =
        Arrays.asList(options.getOrDefault("only", "ingest,history,bulk,search").split(","));
    String suffix = Long.toString(System.currentTimeMillis(), 36);
    if (only.contains("ingest")) {
      bench.ingest(suffix);
    }
    if (only.contains("history")) {
      bench.history(suffix);
    }
    if (only.contains("bulk")) {
      bench.bulkInterval(suffix);
    }
    if (only.contains("search")) {
      bench.search(suffix);
    }
  }

  /**
   * Credentials: --token or MLFLOW_TRACKING_TOKEN (an API token), else --user/--password or
   * MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD.
   */
  private String authorization() {
    String token = options.getOrDefault("token", System.getenv("MLFLOW_TRACKING_TOKEN"));
    if (token != null && !token.isBlank()) {
      return "Bearer " + token.strip();
    }
    String user = options.getOrDefault("user", System.getenv("MLFLOW_TRACKING_USERNAME"));
    String password = options.getOrDefault("password", System.getenv("MLFLOW_TRACKING_PASSWORD"));
    if (user == null || password == null) {
      throw new IllegalStateException(
          "Kiban needs credentials: pass --token <API token> or set MLFLOW_TRACKING_TOKEN"
              + " (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD).");
    }
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
  }

  // --- (a) ingestion ----------------------------------------------------------------------

  void ingest(String suffix) throws Exception {
    int clients = intOption("clients", 4);
    int seconds = intOption("seconds", 20);
    String experiment = createExperiment("bench-ingest-" + suffix);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      runs.add(createRun(experiment));
    }
    // Warm up the server's code paths before measuring.
    runFor(runs, 5, new AtomicLong(), new AtomicLong(1_000_000_000L));
    AtomicLong points = new AtomicLong();
    long start = System.nanoTime();
    runFor(runs, seconds, points, new AtomicLong());
    double elapsed = (System.nanoTime() - start) / 1e9;
    report(
        "ingest",
        String.format(
            Locale.ROOT,
            "log-batch, 1000 points/request, %d clients, %ds: %,.0f points/s (%,d points)",
            clients,
            seconds,
            points.get() / elapsed,
            points.get()));
  }

  private void runFor(List<String> runs, int seconds, AtomicLong points, AtomicLong stepBase)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(runs.size());
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<?>> futures = new ArrayList<>();
    for (String run : runs) {
      futures.add(
          pool.submit(
              () -> {
                long step = stepBase.get();
                while (System.nanoTime() < deadline) {
                  post("runs/log-batch", batch(run, step, 10, 100));
                  step += 100;
                  points.addAndGet(1000);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  /** A log-batch body with {@code keys} metrics of {@code steps} steps each. */
  static String batch(String runId, long firstStep, int keys, int steps) {
    StringBuilder sb = new StringBuilder(keys * steps * 70);
    sb.append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
    long now = System.currentTimeMillis();
    boolean first = true;
    for (int k = 0; k < keys; k++) {
      for (int s = 0; s < steps; s++) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        long step = firstStep + s;
        sb.append("{\"key\":\"metric_")
            .append(k)
            .append("\",\"value\":")
            .append(Math.sin(step * 0.001 + k))
            .append(",\"timestamp\":")
            .append(now + s)
            .append(",\"step\":")
            .append(step)
            .append('}');
      }
    }
    return sb.append("]}").toString();
  }

  // --- (b) get-history --------------------------------------------------------------------

  void history(String suffix) throws Exception {
    int points = intOption("history-points", 100_000);
    String run = createRun(createExperiment("bench-history-" + suffix));
    load(run, "loss", points);
    String url =
        api + "metrics/get-history?run_id=" + run + "&metric_key=loss&max_results=" + points;
    long[] ms = time(url, points, "metrics");
    report("history", summary("get-history of a " + points + "-point series", ms));
  }

  // --- (c) get-history-bulk-interval ----------------------------------------------------------

  void bulkInterval(String suffix) throws Exception {
    int points = intOption("bulk-points", 1_000_000);
    String run = createRun(createExperiment("bench-bulk-" + suffix));
    load(run, "loss", points);
    String url =
        api
            + "metrics/get-history-bulk-interval?run_ids="
            + run
            + "&metric_key=loss&max_results=320";
    long[] ms = time(url, 320, "metrics");
    report("bulk", summary("get-history-bulk-interval, 320 of " + points + " points", ms));
  }

  /** Logs a series of {@code points} steps of one key, 1000 per request, on 4 threads. */
  private void load(String run, String key, int points) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int from = 0; from < points; from += 1000) {
      int start = from;
      int count = Math.min(1000, points - from);
      futures.add(
          pool.submit(
              () -> {
                StringBuilder sb = new StringBuilder("{\"run_id\":\"" + run + "\",\"metrics\":[");
                for (int i = 0; i < count; i++) {
                  sb.append(i == 0 ? "" : ",")
                      .append("{\"key\":\"")
                      .append(key)
                      .append("\",\"value\":")
                      .append(1.0 / (start + i + 1))
                      .append(",\"timestamp\":")
                      .append(1_700_000_000_000L + start + i)
                      .append(",\"step\":")
                      .append(start + i)
                      .append('}');
                }
                post("runs/log-batch", sb.append("]}").toString());
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  // --- (d) runs/search ----------------------------------------------------------------------

  void search(String suffix) throws Exception {
    int runs = intOption("search-runs", 100_000);
    String reuse = options.get("search-experiment");
    String experiment = reuse != null ? reuse : createExperiment("bench-search-" + suffix);
    if (reuse == null) {
      loadSearchRuns(experiment, runs);
    }
    System.out.println("[search] experiment " + experiment + " holds the runs");
    for (int pageSize : new int[] {100, 1000}) {
      String body =
          "{\"experiment_ids\":[\""
              + experiment
              + "\"],\"filter\":\"metrics.accuracy > 0.5 AND params.lr = '3'\","
              + "\"order_by\":[\"metrics.accuracy DESC\"],\"max_results\":"
              + pageSize
              + "}";
      long[] ms = timePost("runs/search", body, "runs");
      report(
          "search",
          summary(
              "runs/search over "
                  + runs
                  + " runs, metric filter + ORDER BY metric, first page of "
                  + pageSize,
              ms));
    }
  }

  private void loadSearchRuns(String experiment, int runs) throws Exception {
    int threads = intOption("load-threads", 32);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = thread; i < runs; i += threads) {
                  String run = createRun(experiment);
                  post(
                      "runs/log-batch",
                      "{\"run_id\":\""
                          + run
                          + "\",\"metrics\":[{\"key\":\"accuracy\",\"value\":"
                          + ((i * 7919L) % 100_000) / 100_000.0
                          + ",\"timestamp\":1,\"step\":0},{\"key\":\"loss\",\"value\":"
                          + (i % 1000) / 1000.0
                          + ",\"timestamp\":1,\"step\":0}],\"params\":[{\"key\":\"lr\",\"value\":\""
                          + (i % 10)
                          + "\"}],\"tags\":[{\"key\":\"team\",\"value\":\"t"
                          + (i % 5)
                          + "\"}]}");
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  // --- helpers ----------------------------------------------------------------------------

  private long[] time(String url, int minItems, String field) throws Exception {
    int repeat = intOption("repeat", 30);
    for (int i = 0; i < 3; i++) {
      check(get(url), minItems, field);
    }
    long[] ms = new long[repeat];
    for (int i = 0; i < repeat; i++) {
      long t0 = System.nanoTime();
      String body = get(url);
      ms[i] = (System.nanoTime() - t0) / 1000;
      check(body, minItems, field);
    }
    return ms;
  }

  private long[] timePost(String path, String request, String field) throws Exception {
    int repeat = intOption("repeat", 30);
    for (int i = 0; i < 3; i++) {
      check(post(path, request), 1, field);
    }
    long[] ms = new long[repeat];
    for (int i = 0; i < repeat; i++) {
      long t0 = System.nanoTime();
      String body = post(path, request);
      ms[i] = (System.nanoTime() - t0) / 1000;
      check(body, 1, field);
    }
    return ms;
  }

  private static void check(String body, int minItems, String field) {
    JsonNode items = JSON.readTree(body).path(field);
    if (items.size() < Math.min(minItems, 1)) {
      throw new IllegalStateException("Unexpected response: " + body.substring(0, 200));
    }
  }

  private static String summary(String what, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%s: median %.1f ms, p95 %.1f ms, min %.1f ms (%d requests)",
        what,
        sorted[sorted.length / 2] / 1000.0,
        sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1000.0,
        sorted[0] / 1000.0,
        sorted.length);
  }

  private static void report(String name, String line) {
    System.out.println("[" + name + "] " + line);
  }

  private String createExperiment(String name) throws IOException, InterruptedException {
    return JSON.readTree(post("experiments/create", "{\"name\":\"" + name + "\"}"))
        .get("experiment_id")
        .asString();
  }

  private String createRun(String experimentId) throws IOException, InterruptedException {
    String body =
        post(
            "runs/create",
            "{\"experiment_id\":\""
                + experimentId
                + "\",\"start_time\":"
                + System.currentTimeMillis()
                + "}");
    return JSON.readTree(body).get("run").get("info").get("run_id").asString();
  }

  private String post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api + path))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "POST " + path + " failed: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " failed: " + response.statusCode());
    }
    return response.body();
  }
}
