package io.kiban.tracking;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.MetricRepository.SeriesRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads metric histories: streamed pages and sampled intervals. */
@Service
public class MetricHistoryService {

  public static final int MAX_BULK_RUNS = 100;
  public static final int MAX_BULK_RESULTS = 2500;

  /** Receives the points of a history page as they are read. */
  @FunctionalInterface
  public interface HistorySink {
    void accept(Metric metric);
  }

  /** The points of one run in a sampled interval. */
  public record RunPoints(String runId, List<Metric> points) {}

  private final RunRepository runs;
  private final MetricRepository metrics;

  MetricHistoryService(RunRepository runs, MetricRepository metrics) {
    this.runs = runs;
    this.metrics = metrics;
  }

  /**
   * Streams one page of a metric's history in (step, timestamp, value) order to the sink and
   * returns the token of the next page, or null after the last. A null {@code maxResults} asks for
   * the whole series in one page.
   */
  @Transactional(readOnly = true)
  public String history(
      String runId, String key, Integer maxResults, String pageToken, HistorySink sink) {
    Validation.runId(runId);
    if (key == null || key.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'metric_key'.");
    }
    if (maxResults != null && maxResults < 1) {
      throw KibanException.invalid(
          "Invalid value " + maxResults + " for parameter 'max_results': it must be positive");
    }
    Long fromStep = null;
    Long fromTs = null;
    long skip = 0;
    if (pageToken != null && !pageToken.isEmpty()) {
      Map<String, Long> token = PageTokens.decode(pageToken);
      fromStep = token.get("step");
      fromTs = token.get("ts");
      Long s = token.get("skip");
      if (fromStep == null || fromTs == null || s == null || s < 0) {
        throw KibanException.invalid("Invalid page token '" + pageToken + "'");
      }
      skip = s;
    }
    runs.find(runId).orElseThrow(() -> RunService.missingRun(runId));
    SeriesRow series = metrics.seriesOrNull(runId, key);
    if (series == null) {
      return null;
    }
    long limit = maxResults == null ? Long.MAX_VALUE - 1 : maxResults;
    PageCursor cursor = new PageCursor(fromStep, fromTs, skip, limit, key, sink);
    metrics.streamPoints(
        series.seriesId(),
        fromStep,
        fromTs,
        skip,
        limit == Long.MAX_VALUE - 1 ? limit : limit + 1,
        cursor);
    return cursor.nextToken();
  }

  /** Tracks the page position so the next page starts right after the last point sent. */
  private static final class PageCursor implements MetricRepository.PointSink {
    private final long limit;
    private final String key;
    private final HistorySink sink;
    private long sent;
    private boolean more;
    private Long lastStep;
    private Long lastTs;
    private long sentAtLast;

    PageCursor(Long fromStep, Long fromTs, long skip, long limit, String key, HistorySink sink) {
      this.limit = limit;
      this.key = key;
      this.sink = sink;
      this.lastStep = fromStep;
      this.lastTs = fromTs;
      this.sentAtLast = skip;
    }

    @Override
    public void accept(long step, long timestamp, double value) {
      if (sent == limit) {
        more = true;
        return;
      }
      sink.accept(new Metric(key, value, timestamp, step));
      sent++;
      if (lastStep != null && lastStep == step && lastTs == timestamp) {
        sentAtLast++;
      } else {
        lastStep = step;
        lastTs = timestamp;
        sentAtLast = 1;
      }
    }

    String nextToken() {
      if (!more) {
        return null;
      }
      return PageTokens.encode(
          new java.util.LinkedHashMap<>(
              Map.of("step", lastStep, "ts", lastTs, "skip", sentAtLast)));
    }
  }

  /**
   * Samples up to {@code maxResults} steps of each run's series between startStep and endStep (the
   * whole series when both are null), always including the first and last step, and returns every
   * point at those steps. The cost follows maxResults, not the series length: each sampled step is
   * found with one index seek.
   */
  @Transactional(readOnly = true)
  public List<RunPoints> bulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep, Integer maxResults) {
    if (runIds.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'run_ids'.");
    }
    Set<String> unique = new LinkedHashSet<>(runIds);
    if (unique.size() > MAX_BULK_RUNS) {
      throw KibanException.invalid(
          "GetMetricHistoryBulkInterval request must specify at most "
              + MAX_BULK_RUNS
              + " run_ids. Received "
              + unique.size()
              + " run_ids.");
    }
    if (key == null || key.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'metric_key'.");
    }
    if ((startStep == null) != (endStep == null)) {
      throw KibanException.invalid(
          "If either start step or end step are specified, both must be specified.");
    }
    if (startStep != null && endStep < startStep) {
      throw KibanException.invalid(
          "end_step ("
              + endStep
              + ") must be greater than or equal to start_step ("
              + startStep
              + ")");
    }
    int samples = maxResults == null ? MAX_BULK_RESULTS : maxResults;
    if (samples < 1 || samples > MAX_BULK_RESULTS) {
      throw KibanException.invalid(
          "max_results must be between 1 and " + MAX_BULK_RESULTS + ", got " + samples);
    }
    List<RunPoints> out = new ArrayList<>();
    for (String runId : unique) {
      Validation.runId(runId);
      runs.find(runId).orElseThrow(() -> RunService.missingRun(runId));
      SeriesRow series = metrics.seriesOrNull(runId, key);
      List<Metric> points = new ArrayList<>();
      if (series != null) {
        long lo = startStep == null ? series.minStep() : Math.max(startStep, series.minStep());
        long hi = endStep == null ? series.maxStep() : Math.min(endStep, series.maxStep());
        if (lo <= hi) {
          MetricRepository.PointSink sink =
              (step, ts, value) -> points.add(new Metric(key, value, ts, step));
          if (series.pointCount() <= samples) {
            metrics.pointsInRange(series.seriesId(), lo, hi, sink);
          } else {
            List<Long> steps = sampledSteps(series.seriesId(), lo, hi, samples);
            if (!steps.isEmpty()) {
              metrics.pointsAtSteps(series.seriesId(), steps, sink);
            }
          }
        }
      }
      out.add(new RunPoints(runId, points));
    }
    return out;
  }

  private List<Long> sampledSteps(long seriesId, long lo, long hi, int samples) {
    TreeSet<Long> targets = new TreeSet<>();
    if (samples == 1 || lo == hi) {
      targets.add(lo);
    } else {
      double stride = (double) (hi - lo) / (samples - 1);
      for (int i = 0; i < samples - 1; i++) {
        targets.add(lo + (long) Math.floor(i * stride));
      }
    }
    TreeSet<Long> steps = new TreeSet<>(metrics.stepsAtOrAfter(seriesId, List.copyOf(targets), hi));
    Long last = metrics.lastStepAtOrBefore(seriesId, hi, lo);
    if (last != null) {
      steps.add(last);
    }
    while (steps.size() > samples) {
      // Two targets can land on the same or neighbouring logged steps; keep first and last.
      Long beforeLast = steps.lower(steps.last());
      steps.remove(beforeLast);
    }
    return List.copyOf(steps);
  }
}
