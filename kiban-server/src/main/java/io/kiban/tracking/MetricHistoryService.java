package io.kiban.tracking;

import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.tracking.MetricRepository.SeriesRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /** A series thinned for a chart: {@code points} stand for {@code totalPoints} logged ones. */
  public record ThinnedSeries(String key, long totalPoints, List<Metric> points) {}

  private final RunService runs;
  private final MetricRepository metrics;

  MetricHistoryService(RunService runs, MetricRepository metrics) {
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
    runs.authorize(runId, Permission.READ);
    SeriesRow series = metrics.seriesOrNull(runId, key);
    if (series == null) {
      return null;
    }
    long limit = maxResults == null ? Long.MAX_VALUE : maxResults;
    PageCursor cursor = new PageCursor(fromStep, fromTs, skip, limit, key, sink);
    PointMerger merger =
        new PointMerger(
            fromStep == null ? Long.MIN_VALUE : fromStep,
            fromTs == null ? Long.MIN_VALUE : fromTs,
            skip,
            cursor);
    metrics.mergeBlocks(
        series.seriesId(), fromStep == null ? Long.MIN_VALUE : fromStep, Long.MAX_VALUE, merger);
    return cursor.nextToken();
  }

  /** Tracks the page position so the next page starts right after the last point sent. */
  private static final class PageCursor implements PointMerger.Sink {
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
    public boolean accept(long step, long timestamp, double value) {
      if (sent == limit) {
        more = true;
        return false;
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
      return true;
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
      runs.authorize(runId, Permission.READ);
      SeriesRow series = metrics.seriesOrNull(runId, key);
      List<Metric> points = new ArrayList<>();
      if (series != null) {
        long lo = startStep == null ? series.minStep() : Math.max(startStep, series.minStep());
        long hi = endStep == null ? series.maxStep() : Math.min(endStep, series.maxStep());
        if (lo <= hi) {
          if (series.pointCount() <= samples) {
            PointMerger merger =
                new PointMerger(
                    lo,
                    Long.MIN_VALUE,
                    0,
                    (step, ts, value) -> {
                      if (step > hi) {
                        return false;
                      }
                      points.add(new Metric(key, value, ts, step));
                      return true;
                    });
            metrics.mergeBlocks(series.seriesId(), lo, hi, merger);
          } else {
            sampledPoints(series.seriesId(), key, lo, hi, samples).values().forEach(points::addAll);
          }
        }
      }
      out.add(new RunPoints(runId, points));
    }
    return out;
  }

  /**
   * The series thinned to at most about {@code 2 * buckets} points for a chart: the step range is
   * cut into {@code buckets} equal buckets and each keeps its lowest and highest value, so spikes
   * survive. Points are streamed; memory follows the bucket count, not the series.
   */
  @Transactional(readOnly = true)
  public ThinnedSeries thinned(String runId, String key, int buckets) {
    Validation.runId(runId);
    if (buckets < 1 || buckets > 10_000) {
      throw KibanException.invalid("buckets must be between 1 and 10000, got " + buckets);
    }
    runs.authorize(runId, Permission.READ);
    SeriesRow series = metrics.seriesOrNull(runId, key);
    if (series == null) {
      return new ThinnedSeries(key, 0, List.of());
    }
    List<Metric> out = new ArrayList<>();
    if (series.pointCount() <= 2L * buckets) {
      metrics.mergeBlocks(
          series.seriesId(),
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          new PointMerger(
              Long.MIN_VALUE,
              Long.MIN_VALUE,
              0,
              (step, ts, value) -> out.add(new Metric(key, value, ts, step))));
      return new ThinnedSeries(key, series.pointCount(), out);
    }
    MinMaxBuckets reducer = new MinMaxBuckets(series.minStep(), series.maxStep(), buckets);
    metrics.mergeBlocks(
        series.seriesId(),
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        new PointMerger(Long.MIN_VALUE, Long.MIN_VALUE, 0, reducer));
    reducer.emit(key, out);
    return new ThinnedSeries(key, series.pointCount(), out);
  }

  /** Keeps, per step bucket, the points with the lowest and the highest value. */
  static final class MinMaxBuckets implements PointMerger.Sink {
    private final long minStep;
    private final double width;
    private final int buckets;
    private final long[][] low;
    private final long[][] high;
    private final double[] lowValue;
    private final double[] highValue;

    MinMaxBuckets(long minStep, long maxStep, int buckets) {
      this.minStep = minStep;
      this.buckets = buckets;
      this.width = ((double) maxStep - minStep + 1) / buckets;
      this.low = new long[buckets][];
      this.high = new long[buckets][];
      this.lowValue = new double[buckets];
      this.highValue = new double[buckets];
    }

    @Override
    public boolean accept(long step, long ts, double value) {
      int b = (int) Math.min(buckets - 1, Math.max(0, (step - minStep) / width));
      if (low[b] == null || MetricWriter.compareValues(value, lowValue[b]) < 0) {
        low[b] = new long[] {step, ts};
        lowValue[b] = value;
      }
      if (high[b] == null || MetricWriter.compareValues(value, highValue[b]) > 0) {
        high[b] = new long[] {step, ts};
        highValue[b] = value;
      }
      return true;
    }

    void emit(String key, List<Metric> out) {
      for (int b = 0; b < buckets; b++) {
        if (low[b] == null) {
          continue;
        }
        Metric lo = new Metric(key, lowValue[b], low[b][1], low[b][0]);
        Metric hi = new Metric(key, highValue[b], high[b][1], high[b][0]);
        boolean lowFirst =
            PointBlock.compare(lo.step(), lo.timestamp(), 0, hi.step(), hi.timestamp(), 0) <= 0;
        out.add(lowFirst ? lo : hi);
        if (lo.step() != hi.step() || lo.timestamp() != hi.timestamp()) {
          out.add(lowFirst ? hi : lo);
        }
      }
    }
  }

  /**
   * Picks up to {@code samples} logged steps spread evenly over [lo, hi], always the first and the
   * last, and returns the points at each. Each target costs one index seek and the decoding of one
   * small block.
   */
  private TreeMap<Long, List<Metric>> sampledPoints(
      long seriesId, String key, long lo, long hi, int samples) {
    List<Long> targets = new ArrayList<>();
    if (samples > 1 && hi > lo) {
      double stride = (double) (hi - lo) / (samples - 1);
      long previous = Long.MIN_VALUE;
      for (int i = 0; i < samples - 1; i++) {
        long target = lo + (long) Math.floor(i * stride);
        if (target != previous) {
          targets.add(target);
          previous = target;
        }
      }
    } else {
      targets.add(lo);
    }
    TreeMap<Long, List<Metric>> byStep = new TreeMap<>();
    List<byte[]> blocks = metrics.blocksReaching(seriesId, targets);
    for (int i = 0; i < targets.size(); i++) {
      byte[] payload = blocks.get(i);
      if (payload != null) {
        PointBlock block = PointBlock.decode(payload);
        int at = block.firstAtOrAfter(targets.get(i));
        if (at < block.size() && block.steps[at] <= hi) {
          collectStep(block, at, key, byStep);
        }
      }
    }
    byte[] last = metrics.lastBlockStartingAtOrBefore(seriesId, hi);
    if (last != null) {
      PointBlock block = PointBlock.decode(last);
      int at = block.lastAtOrBefore(hi);
      if (at >= 0 && block.steps[at] >= lo) {
        while (at > 0 && block.steps[at - 1] == block.steps[at]) {
          at--;
        }
        collectStep(block, at, key, byStep);
      }
    }
    while (byStep.size() > samples) {
      // Neighbouring targets can reach distinct steps near the end; keep first and last.
      byStep.remove(byStep.lowerKey(byStep.lastKey()));
    }
    return byStep;
  }

  /** Adds every point of the block at the step of index {@code at} (the first such point). */
  private static void collectStep(
      PointBlock block, int at, String key, TreeMap<Long, List<Metric>> byStep) {
    long step = block.steps[at];
    if (byStep.containsKey(step)) {
      return;
    }
    List<Metric> atStep = new ArrayList<>();
    for (int j = at; j < block.size() && block.steps[j] == step; j++) {
      atStep.add(new Metric(key, block.values[j], block.timestamps[j], step));
    }
    byStep.put(step, atStep);
  }
}
