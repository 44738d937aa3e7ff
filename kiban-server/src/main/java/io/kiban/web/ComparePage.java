package io.kiban.web;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Metric;
import io.kiban.tracking.Param;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Compares 2 to 20 runs: params and latest metrics side by side, overlaid charts, scatter. */
@Controller
class ComparePage {

  /** One compared key: its value per run (in run order) and whether the values differ. */
  public record CompareRow(String key, List<String> values, boolean differs) {}

  private final RunService runs;
  private final Formats formats;
  private final JsonTextWriter json;

  ComparePage(RunService runs, Formats formats, JsonTextWriter json) {
    this.runs = runs;
    this.formats = formats;
    this.json = json;
  }

  @GetMapping("/compare")
  String compare(@RequestParam(name = "runs", required = false) List<String> ids, Model model) {
    List<String> unique = ids == null ? List.of() : ids.stream().distinct().toList();
    if (unique.size() < 2 || unique.size() > 20) {
      throw KibanException.invalid("Select 2 to 20 runs to compare; got " + unique.size());
    }
    List<Run> compared = new ArrayList<>();
    for (String id : unique) {
      compared.add(runs.get(id));
    }
    TreeSet<String> paramKeys = new TreeSet<>();
    TreeSet<String> metricKeys = new TreeSet<>();
    compared.forEach(r -> r.params().forEach(p -> paramKeys.add(p.key())));
    compared.forEach(r -> r.latestMetrics().forEach(m -> metricKeys.add(m.key())));
    List<CompareRow> params = new ArrayList<>();
    for (String key : paramKeys) {
      List<String> values = new ArrayList<>();
      for (Run r : compared) {
        values.add(
            r.params().stream()
                .filter(p -> p.key().equals(key))
                .map(Param::value)
                .findFirst()
                .orElse(""));
      }
      params.add(new CompareRow(key, values, values.stream().distinct().count() > 1));
    }
    List<CompareRow> metrics = new ArrayList<>();
    Map<String, Map<String, Double>> metricValues = new LinkedHashMap<>();
    for (String key : metricKeys) {
      List<String> values = new ArrayList<>();
      Map<String, Double> byRun = new LinkedHashMap<>();
      for (Run r : compared) {
        Metric m =
            r.latestMetrics().stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
        values.add(m == null ? "" : formats.number(m.value()));
        if (m != null && Double.isFinite(m.value())) {
          byRun.put(r.info().runId(), m.value());
        }
      }
      metricValues.put(key, byRun);
      metrics.add(new CompareRow(key, values, values.stream().distinct().count() > 1));
    }
    Map<String, Map<String, String>> paramValues = new LinkedHashMap<>();
    for (String key : paramKeys) {
      Map<String, String> byRun = new LinkedHashMap<>();
      for (Run r : compared) {
        r.params().stream()
            .filter(p -> p.key().equals(key))
            .findFirst()
            .ifPresent(p -> byRun.put(r.info().runId(), p.value()));
      }
      paramValues.put(key, byRun);
    }
    Map<String, String> names = new LinkedHashMap<>();
    compared.forEach(r -> names.put(r.info().runId(), r.info().runName()));
    model.addAttribute("runs", compared);
    model.addAttribute("params", params);
    model.addAttribute("metrics", metrics);
    model.addAttribute("metricKeys", metricKeys);
    model.addAttribute("paramKeys", paramKeys);
    model.addAttribute(
        "scatterData", Map.of("params", paramValues, "metrics", metricValues, "names", names));
    model.addAttribute("runIds", String.join(",", unique));
    model.addAttribute("chartNames", json.write(List.copyOf(names.values())));
    model.addAttribute("scatterJson", json.write(model.getAttribute("scatterData")));
    return "compare";
  }
}
