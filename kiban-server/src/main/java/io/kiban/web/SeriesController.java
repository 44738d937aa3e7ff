package io.kiban.web;

import io.kiban.tracking.Metric;
import io.kiban.tracking.MetricHistoryService;
import io.kiban.tracking.MetricHistoryService.ThinnedSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chart data for the UI: a metric series thinned on the server (min/max buckets) to about 1,000
 * points, as {@code [step, timestamp, value]} triples; NaN and infinities become null.
 */
@RestController
class SeriesController {

  static final int DEFAULT_BUCKETS = 500;

  private final MetricHistoryService history;

  SeriesController(MetricHistoryService history) {
    this.history = history;
  }

  @GetMapping(path = "/ui/series", produces = "application/json")
  Map<String, Object> series(
      @RequestParam String run,
      @RequestParam String key,
      @RequestParam(defaultValue = "" + DEFAULT_BUCKETS) int buckets) {
    ThinnedSeries series = history.thinned(run, key, buckets);
    List<Object[]> points = new ArrayList<>(series.points().size());
    for (Metric m : series.points()) {
      points.add(
          new Object[] {m.step(), m.timestamp(), Double.isFinite(m.value()) ? m.value() : null});
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", run);
    out.put("key", key);
    out.put("total", series.totalPoints());
    out.put("points", points);
    return out;
  }
}
