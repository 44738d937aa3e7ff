package io.kiban.web;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Experiment;
import io.kiban.tracking.ExperimentService;
import io.kiban.tracking.MlflowTags;
import io.kiban.tracking.Page;
import io.kiban.tracking.Param;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunService;
import io.kiban.tracking.Tag;
import io.kiban.tracking.ViewType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The runs table of one or more experiments, with filter, columns, sort, paging, bulk actions. */
@Controller
class RunPages {

  static final int PAGE_SIZE = 50;
  static final int DEFAULT_COLUMNS_PER_KIND = 4;

  /** A run as a table row: the run, its nesting depth, and its values per chosen column. */
  public record Row(Run run, int depth, Map<String, String> cells, String parentId) {}

  /** A table column: its key as written in MLflow's grammar and its header label. */
  public record Column(String key, String label) {}

  private final RunService runs;
  private final ExperimentService experiments;
  private final UiMessages messages;
  private final Formats formats;

  RunPages(RunService runs, ExperimentService experiments, UiMessages messages, Formats formats) {
    this.runs = runs;
    this.experiments = experiments;
    this.messages = messages;
    this.formats = formats;
  }

  @GetMapping("/runs")
  String table(
      @RequestParam(defaultValue = "0") String experiments,
      @RequestParam(defaultValue = "") String filter,
      @RequestParam(defaultValue = "") String cols,
      @RequestParam(defaultValue = "") String sort,
      @RequestParam(defaultValue = "active") String view,
      @RequestParam(required = false) String token,
      Model model,
      HttpServletResponse response) {
    List<String> experimentIds =
        Arrays.stream(experiments.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Experiment> shown = new ArrayList<>();
    for (String id : experimentIds) {
      shown.add(this.experiments.get(id));
    }
    ViewType viewType =
        switch (view) {
          case "deleted" -> ViewType.DELETED_ONLY;
          case "all" -> ViewType.ALL;
          default -> ViewType.ACTIVE_ONLY;
        };
    model.addAttribute("experiments", shown);
    model.addAttribute("experimentIds", String.join(",", experimentIds));
    model.addAttribute("filter", filter);
    model.addAttribute("cols", cols);
    model.addAttribute("sort", sort);
    model.addAttribute("view", view);
    model.addAttribute("paged", token != null);
    List<Run> page = List.of();
    try {
      Page<Run> result =
          runs.search(
              experimentIds,
              filter.isBlank() ? null : filter,
              viewType,
              PAGE_SIZE,
              sort.isBlank() ? List.of() : List.of(sort),
              token);
      page = result.items();
      model.addAttribute(
          "nextUrl",
          result.nextPageToken() == null
              ? null
              : url(experiments, filter, cols, sort, view)
                  .queryParam("token", result.nextPageToken())
                  .encode()
                  .toUriString());
    } catch (KibanException e) {
      model.addAttribute("filterError", messages.explain(e));
      response.setStatus(400);
    }
    List<Column> columns = columns(cols, page);
    model.addAttribute("columns", columns);
    model.addAttribute("rows", rows(page, columns));
    model.addAttribute(
        "firstUrl", url(experiments, filter, cols, sort, view).encode().toUriString());
    Map<String, String> sortUrls = new LinkedHashMap<>();
    Map<String, String> sortState = new LinkedHashMap<>();
    for (String key : sortableKeys(columns)) {
      boolean current = sort.startsWith(key + " ") || sort.equals(key);
      boolean descending = current && sort.toUpperCase().endsWith(" DESC");
      String next = key + (current && !descending ? " DESC" : " ASC");
      sortUrls.put(key, url(experiments, filter, cols, next, view).encode().toUriString());
      sortState.put(key, current ? (descending ? "descending" : "ascending") : "none");
    }
    model.addAttribute("sortUrls", sortUrls);
    model.addAttribute("sortState", sortState);
    return "runs";
  }

  private static UriComponentsBuilder url(
      String experiments, String filter, String cols, String sort, String view) {
    UriComponentsBuilder b =
        UriComponentsBuilder.fromPath("/runs").queryParam("experiments", experiments);
    if (!filter.isBlank()) {
      b.queryParam("filter", filter);
    }
    if (!cols.isBlank()) {
      b.queryParam("cols", cols);
    }
    if (!sort.isBlank()) {
      b.queryParam("sort", sort);
    }
    if (!view.equals("active")) {
      b.queryParam("view", view);
    }
    return b;
  }

  private static List<String> sortableKeys(List<Column> columns) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "attributes.run_name",
                "attributes.status",
                "attributes.start_time",
                "attributes.user_id"));
    columns.forEach(c -> keys.add(c.key()));
    return keys;
  }

  /** The chosen columns, or the first few metric and param keys seen on the page. */
  static List<Column> columns(String cols, List<Run> page) {
    List<Column> columns = new ArrayList<>();
    if (!cols.isBlank()) {
      for (String raw : cols.split(",")) {
        String key = raw.strip();
        int dot = key.indexOf('.');
        if (dot > 0 && dot < key.length() - 1) {
          columns.add(new Column(key, key.substring(dot + 1).replace("`", "")));
        }
      }
      return columns;
    }
    Set<String> metrics = new LinkedHashSet<>();
    Set<String> params = new LinkedHashSet<>();
    for (Run run : page) {
      run.latestMetrics().forEach(m -> metrics.add(m.key()));
      run.params().forEach(p -> params.add(p.key()));
    }
    metrics.stream()
        .sorted()
        .limit(DEFAULT_COLUMNS_PER_KIND)
        .forEach(k -> columns.add(new Column("metrics.`" + k + "`", k)));
    params.stream()
        .sorted()
        .limit(DEFAULT_COLUMNS_PER_KIND)
        .forEach(k -> columns.add(new Column("params.`" + k + "`", k)));
    return columns;
  }

  /** Rows in page order, with children moved under their parent when both are on the page. */
  List<Row> rows(List<Run> page, List<Column> columns) {
    Map<String, Run> byId = new LinkedHashMap<>();
    page.forEach(r -> byId.put(r.info().runId(), r));
    Map<String, List<Run>> children = new LinkedHashMap<>();
    List<Run> roots = new ArrayList<>();
    for (Run run : page) {
      String parent = tag(run, MlflowTags.PARENT_RUN_ID);
      if (parent != null && byId.containsKey(parent) && !parent.equals(run.info().runId())) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(run);
      } else {
        roots.add(run);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Run root : roots) {
      addWithChildren(root, 0, children, columns, rows, new LinkedHashSet<>());
    }
    return rows;
  }

  private void addWithChildren(
      Run run,
      int depth,
      Map<String, List<Run>> children,
      List<Column> columns,
      List<Row> rows,
      Set<String> seen) {
    if (!seen.add(run.info().runId())) {
      return;
    }
    rows.add(new Row(run, depth, cells(run, columns), tag(run, MlflowTags.PARENT_RUN_ID)));
    for (Run child : children.getOrDefault(run.info().runId(), List.of())) {
      addWithChildren(child, Math.min(depth + 1, 4), children, columns, rows, seen);
    }
  }

  private Map<String, String> cells(Run run, List<Column> columns) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (Column c : columns) {
      String name = c.label();
      String value = null;
      if (c.key().startsWith("metrics.") || c.key().startsWith("metric.")) {
        value =
            run.latestMetrics().stream()
                .filter(m -> m.key().equals(name))
                .findFirst()
                .map(m -> formats.number(m.value()))
                .orElse(null);
      } else if (c.key().startsWith("params.") || c.key().startsWith("param.")) {
        value =
            run.params().stream()
                .filter(p -> p.key().equals(name))
                .findFirst()
                .map(Param::value)
                .orElse(null);
      } else if (c.key().startsWith("tags.") || c.key().startsWith("tag.")) {
        value = tag(run, name);
      }
      cells.put(c.key(), value == null ? "" : value);
    }
    return cells;
  }

  static String tag(Run run, String key) {
    for (Tag t : run.tags()) {
      if (t.key().equals(key)) {
        return t.value();
      }
    }
    return null;
  }

  @PostMapping("/runs/bulk")
  String bulk(
      @RequestParam(defaultValue = "") String action,
      @RequestParam(name = "run", required = false) List<String> selected,
      @RequestParam(defaultValue = "") String back,
      RedirectAttributes flash) {
    List<String> ids = selected == null ? List.of() : selected;
    String target = back.startsWith("/runs") ? back : "/experiments";
    if (action.equals("compare")) {
      if (ids.size() < 2 || ids.size() > 20) {
        flash.addFlashAttribute("error", messages.get("runs.compareNeeds"));
        return "redirect:" + target;
      }
      UriComponentsBuilder b = UriComponentsBuilder.fromPath("/compare");
      ids.forEach(id -> b.queryParam("runs", id));
      return "redirect:" + b.encode().toUriString();
    }
    if (ids.isEmpty()) {
      flash.addFlashAttribute("error", messages.get("runs.selectFirst"));
      return "redirect:" + target;
    }
    int done = 0;
    try {
      for (String id : ids) {
        if (action.equals("delete")) {
          runs.delete(id);
        } else if (action.equals("restore")) {
          runs.restore(id);
        } else {
          throw KibanException.invalid("Unknown action '" + action + "'");
        }
        done++;
      }
      flash.addFlashAttribute("notice", messages.get("runs.bulkDone", done));
    } catch (KibanException e) {
      flash.addFlashAttribute(
          "error", messages.get("runs.bulkDone", done) + " " + messages.explain(e));
    }
    return "redirect:" + target;
  }
}
