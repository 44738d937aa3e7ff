package io.kiban.tracking;

import io.kiban.tracking.MetricRepository.SeriesRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Appends metric points and keeps each series' latest value current. Callers hold the run's row
 * lock, so creating a series and updating its summary cannot race with another writer.
 */
@Component
class MetricWriter {

  private final MetricRepository metrics;

  MetricWriter(MetricRepository metrics) {
    this.metrics = metrics;
  }

  void write(String runId, List<Metric> points) {
    Map<String, List<Metric>> byKey = new LinkedHashMap<>();
    for (Metric m : points) {
      byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
    }
    Map<String, SeriesRow> series = metrics.series(runId, List.copyOf(byKey.keySet()));
    List<SeriesRow> updated = new ArrayList<>(byKey.size());
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Map.Entry<String, List<Metric>> entry : byKey.entrySet()) {
      String key = entry.getKey();
      SeriesRow row = series.get(key);
      if (row == null) {
        Metric first = entry.getValue().get(0);
        long id = metrics.insertSeries(runId, key, first);
        row =
            new SeriesRow(
                id,
                key,
                first.value(),
                first.timestamp(),
                first.step(),
                first.step(),
                first.step(),
                0);
      }
      updated.add(summarize(row, entry.getValue()));
      ids.put(key, row.seriesId());
    }
    metrics.updateSeries(updated);
    List<MetricRepository.BlockRow> blocks = new ArrayList<>();
    for (Map.Entry<String, List<Metric>> entry : byKey.entrySet()) {
      List<Metric> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(
          (a, b) ->
              PointBlock.compare(
                  a.step(), a.timestamp(), a.value(), b.step(), b.timestamp(), b.value()));
      long seriesId = ids.get(entry.getKey());
      for (int from = 0; from < sorted.size(); from += PointBlock.MAX_POINTS) {
        int to = Math.min(sorted.size(), from + PointBlock.MAX_POINTS);
        blocks.add(
            new MetricRepository.BlockRow(
                seriesId,
                sorted.get(from).step(),
                sorted.get(to - 1).step(),
                to - from,
                PointBlock.encode(sorted, from, to)));
      }
    }
    metrics.insertBlocks(blocks);
  }

  static SeriesRow summarize(SeriesRow row, List<Metric> added) {
    double lastValue = row.lastValue();
    long lastTs = row.lastTs();
    long lastStep = row.lastStep();
    long minStep = row.minStep();
    long maxStep = row.maxStep();
    for (Metric m : added) {
      if (isLater(m, lastStep, lastTs, lastValue)) {
        lastStep = m.step();
        lastTs = m.timestamp();
        lastValue = m.value();
      }
      minStep = Math.min(minStep, m.step());
      maxStep = Math.max(maxStep, m.step());
    }
    return new SeriesRow(
        row.seriesId(),
        row.key(),
        lastValue,
        lastTs,
        lastStep,
        minStep,
        maxStep,
        row.pointCount() + added.size());
  }

  /** MLflow's "latest": highest step, then highest timestamp, then highest value (NaN lowest). */
  static boolean isLater(Metric m, long step, long ts, double value) {
    if (m.step() != step) {
      return m.step() > step;
    }
    if (m.timestamp() != ts) {
      return m.timestamp() > ts;
    }
    return compareValues(m.value(), value) > 0;
  }

  static int compareValues(double a, double b) {
    boolean aNaN = Double.isNaN(a);
    boolean bNaN = Double.isNaN(b);
    if (aNaN || bNaN) {
      return aNaN == bNaN ? 0 : (aNaN ? -1 : 1);
    }
    return Double.compare(a, b);
  }
}
