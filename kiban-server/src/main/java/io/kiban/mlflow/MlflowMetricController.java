package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Metric;
import io.kiban.tracking.MetricHistoryService;
import io.kiban.tracking.MetricHistoryService.RunPoints;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** MLflow metric-history RPCs. Histories are streamed from the database to the client. */
@RestController
@RequestMapping(
    path = {"/api/2.0/mlflow/metrics", "/ajax-api/2.0/mlflow/metrics"},
    produces = "application/json")
class MlflowMetricController {

  /** Page size of the UI's get-history-bulk RPC, as MLflow. */
  static final int MAX_BULK_HISTORY_RESULTS = 25_000;

  private static final JsonMapper WRITER = JsonMapper.builder().build();

  private final MetricHistoryService history;

  MlflowMetricController(MetricHistoryService history) {
    this.history = history;
  }

  @GetMapping("/get-history")
  void getHistory(
      MlflowRequest req,
      @RequestHeader(name = "User-Agent", required = false) String userAgent,
      HttpServletResponse response)
      throws IOException {
    Integer maxResults = req.int32("max_results");
    if (userAgent != null && userAgent.startsWith("mlflow-java-client/2.")) {
      // The 2.x Java client cannot read a second page (it appends to an immutable list), so it
      // receives the whole series at once.
      maxResults = null;
    }
    StreamedPoints out = new StreamedPoints(response);
    String next =
        history.history(
            MlflowRunController.runId(req),
            req.requiredString("metric_key"),
            maxResults,
            req.string("page_token"),
            m -> out.write(m, null));
    out.finish(next);
  }

  @GetMapping("/get-history-bulk-interval")
  Map<String, Object> getHistoryBulkInterval(MlflowRequest req) {
    List<RunPoints> runs =
        history.bulkInterval(
            req.strings("run_ids"),
            req.requiredString("metric_key"),
            req.int64("start_step"),
            req.int64("end_step"),
            req.int32("max_results"));
    List<Object> metrics = new ArrayList<>();
    for (RunPoints run : runs) {
      for (Metric m : run.points()) {
        metrics.add(MlflowWire.metric(m).with("run_id", run.runId()));
      }
    }
    return obj().with("metrics", metrics);
  }

  /** The UI's bulk history: up to max_results points of each listed run, one page. */
  @GetMapping("/get-history-bulk")
  void getHistoryBulk(MlflowRequest req, HttpServletResponse response) throws IOException {
    List<String> runIds = req.strings("run_id");
    if (runIds.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'run_id'.");
    }
    if (runIds.size() > MetricHistoryService.MAX_BULK_RUNS) {
      throw KibanException.invalid(
          "GetMetricHistoryBulk request cannot specify more than "
              + MetricHistoryService.MAX_BULK_RUNS
              + " run_ids. Received "
              + runIds.size()
              + " run_ids.");
    }
    String key = req.requiredString("metric_key");
    Integer requested = req.int32("max_results");
    int maxResults = requested == null ? MAX_BULK_HISTORY_RESULTS : requested;
    if (maxResults < 1 || maxResults > MAX_BULK_HISTORY_RESULTS) {
      throw KibanException.invalid(
          "max_results must be between 1 and " + MAX_BULK_HISTORY_RESULTS + ", got " + maxResults);
    }
    StreamedPoints out = new StreamedPoints(response);
    for (String runId : runIds) {
      history.history(runId, key, maxResults, null, m -> out.write(m, runId));
    }
    out.finish(null);
  }

  /** Writes {"metrics":[...],"next_page_token":...} as points arrive. */
  private static final class StreamedPoints {
    private final HttpServletResponse response;
    private JsonGenerator json;

    StreamedPoints(HttpServletResponse response) {
      this.response = response;
    }

    void write(Metric m, String runId) {
      if (json == null) {
        start();
        json.writeName("metrics");
        json.writeStartArray();
      }
      json.writeStartObject();
      json.writeStringProperty("key", m.key());
      json.writeNumberProperty("value", m.value());
      json.writeNumberProperty("timestamp", m.timestamp());
      json.writeNumberProperty("step", m.step());
      if (runId != null) {
        json.writeStringProperty("run_id", runId);
      }
      json.writeEndObject();
    }

    void finish(String nextPageToken) {
      if (json == null) {
        start();
      } else {
        json.writeEndArray();
      }
      if (nextPageToken != null) {
        json.writeStringProperty("next_page_token", nextPageToken);
      }
      json.writeEndObject();
      json.close();
    }

    private void start() {
      response.setStatus(200);
      response.setContentType("application/json");
      try {
        OutputStream os = response.getOutputStream();
        json = WRITER.createGenerator(os);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      json.writeStartObject();
    }
  }
}
