package io.kiban.web;

import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.storage.ArtifactPath;
import io.kiban.storage.ArtifactStore;
import io.kiban.tracking.Experiment;
import io.kiban.tracking.ExperimentService;
import io.kiban.tracking.MlflowTags;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunArtifactService;
import io.kiban.tracking.RunService;
import io.kiban.tracking.RunStatus;
import io.kiban.tracking.ViewType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One run: overview, params, metrics, tags, datasets, artifacts and charts. */
@Controller
class RunDetailPages {

  static final int PREVIEW_BYTES = 256 * 1024;

  /** An artifact preview: the kind decides how the template shows it. */
  public record Preview(
      String path,
      String kind,
      String text,
      List<List<String>> table,
      boolean truncated,
      String url) {}

  private final RunService runs;
  private final ExperimentService experiments;
  private final RunArtifactService artifacts;
  private final UiMessages messages;
  private final JsonTextWriter json;

  RunDetailPages(
      RunService runs,
      ExperimentService experiments,
      RunArtifactService artifacts,
      UiMessages messages,
      JsonTextWriter json) {
    this.runs = runs;
    this.experiments = experiments;
    this.artifacts = artifacts;
    this.messages = messages;
    this.json = json;
  }

  @GetMapping("/runs/{runId}")
  String run(
      @PathVariable String runId,
      @RequestParam(defaultValue = "") String apath,
      @RequestParam(required = false) String preview,
      Model model) {
    Run run = runs.get(runId);
    Experiment experiment = experiments.get(run.info().experimentId());
    model.addAttribute("run", run);
    model.addAttribute("experiment", experiment);
    model.addAttribute("live", run.info().status() == RunStatus.RUNNING);
    model.addAttribute("chartNames", json.write(List.of(run.info().runName())));
    model.addAttribute("parentId", RunPages.tag(run, MlflowTags.PARENT_RUN_ID));
    model.addAttribute("sourceName", RunPages.tag(run, "mlflow.source.name"));
    model.addAttribute("commit", RunPages.tag(run, "mlflow.source.git.commit"));
    model.addAttribute(
        "children",
        runs.search(
                List.of(run.info().experimentId()),
                "tags.`" + MlflowTags.PARENT_RUN_ID + "` = '" + runId + "'",
                ViewType.ACTIVE_ONLY,
                100,
                List.of(),
                null)
            .items());
    String dir = "";
    try {
      dir = ArtifactPath.normalize(apath);
      model.addAttribute("artifactRoot", artifacts.storeRoot(runId));
      model.addAttribute("artifactFiles", artifacts.list(runId, dir).files());
    } catch (KibanException e) {
      model.addAttribute("artifactError", messages.explain(e));
      model.addAttribute("artifactFiles", List.<ArtifactEntry>of());
    }
    model.addAttribute("apath", dir);
    model.addAttribute("aparent", dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "");
    if (preview != null && !preview.isBlank()) {
      try {
        model.addAttribute("preview", preview(runId, ArtifactPath.normalize(preview)));
      } catch (KibanException e) {
        model.addAttribute("artifactError", messages.explain(e));
      }
    }
    return "run";
  }

  private Preview preview(String runId, String path) {
    String url = "/api/2.0/mlflow-artifacts/artifacts/" + artifacts.storeRoot(runId) + "/" + path;
    String name = path.toLowerCase(Locale.ROOT);
    if (name.matches(".*\\.(png|jpe?g|gif|svg|webp)$")) {
      return new Preview(path, "image", null, null, false, url);
    }
    ArtifactStore.Content content =
        artifacts
            .open(runId, path)
            .orElseThrow(() -> KibanException.notFound("Artifact '" + path + "' does not exist"));
    byte[] bytes;
    try (InputStream in = content.stream()) {
      bytes = in.readNBytes(PREVIEW_BYTES);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    boolean truncated = content.size() > PREVIEW_BYTES;
    if (!looksLikeText(bytes)) {
      return new Preview(path, "binary", null, null, truncated, url);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return new Preview(
          path, "table", null, table(text, name.endsWith(".tsv") ? '\t' : ','), truncated, url);
    }
    if (name.endsWith(".json") && !truncated) {
      try {
        text =
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(text)
                .toPrettyString();
      } catch (RuntimeException notJson) {
        // Shown as it is.
      }
    }
    return new Preview(path, "text", text, null, truncated, url);
  }

  private static boolean looksLikeText(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /** A simple CSV reader for previews: quotes with doubled quotes, at most 200 rows. */
  static List<List<String>> table(String text, char separator) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length() && rows.size() < 200; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString().replace("\r", ""));
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  @PostMapping("/runs/{runId}/tags")
  String setTag(
      @PathVariable String runId,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String value,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> runs.setTag(runId, key.strip(), value),
        "tags.savedNotice",
        "/runs/" + runId + "#tags");
  }

  @PostMapping("/runs/{runId}/tags/delete")
  String deleteTag(@PathVariable String runId, @RequestParam String key, RedirectAttributes flash) {
    return messages.act(
        flash, () -> runs.deleteTag(runId, key), "tags.deletedNotice", "/runs/" + runId + "#tags");
  }
}
