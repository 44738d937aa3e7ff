package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.storage.ArtifactPath;
import io.kiban.storage.ArtifactStore;
import io.kiban.tracking.ArtifactService;
import io.kiban.tracking.RunArtifactService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MLflow artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/<path>}: upload, download,
 * list, delete), streamed in both directions, and the run artifact listing.
 */
@RestController
class MlflowArtifactController {

  static final String[] PROXY_PREFIXES = {
    "/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts"
  };

  private final ArtifactService store;
  private final RunArtifactService runArtifacts;

  MlflowArtifactController(ArtifactService store, RunArtifactService runArtifacts) {
    this.store = store;
    this.runArtifacts = runArtifacts;
  }

  @GetMapping(
      path = {"/api/2.0/mlflow/artifacts/list", "/ajax-api/2.0/mlflow/artifacts/list"},
      produces = "application/json")
  Map<String, Object> listRunArtifacts(MlflowRequest req) {
    RunArtifactService.Listing listing =
        runArtifacts.list(MlflowRunController.runId(req), req.string("path"));
    return obj().with("root_uri", listing.rootUri()).with("files", files(listing.files()));
  }

  @GetMapping(
      path = {"/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts"},
      produces = "application/json")
  Map<String, Object> list(MlflowRequest req) {
    return obj().with("files", files(store.list(ArtifactPath.normalize(req.string("path")))));
  }

  @PutMapping(
      path = {
        "/api/2.0/mlflow-artifacts/artifacts/**",
        "/ajax-api/2.0/mlflow-artifacts/artifacts/**"
      })
  Map<String, Object> upload(HttpServletRequest request) throws IOException {
    String path = proxiedPath(request);
    try (InputStream body = request.getInputStream()) {
      store.put(path, body);
    }
    return obj();
  }

  @GetMapping(
      path = {
        "/api/2.0/mlflow-artifacts/artifacts/**",
        "/ajax-api/2.0/mlflow-artifacts/artifacts/**"
      })
  void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = proxiedPath(request);
    if (store.isDirectory(path)) {
      throw KibanException.invalid(
          "'" + path + "' is a directory; list it with GET .../artifacts?path=" + path);
    }
    ArtifactStore.Content content =
        store
            .open(path)
            .orElseThrow(() -> KibanException.notFound("Artifact '" + path + "' does not exist"));
    try (InputStream in = content.stream()) {
      response.setStatus(200);
      response.setContentType(contentType(path));
      response.setContentLengthLong(content.size());
      OutputStream out = response.getOutputStream();
      in.transferTo(out);
      out.flush();
    }
  }

  @DeleteMapping(
      path = {
        "/api/2.0/mlflow-artifacts/artifacts/**",
        "/ajax-api/2.0/mlflow-artifacts/artifacts/**"
      })
  Map<String, Object> delete(HttpServletRequest request) {
    String path = proxiedPath(request);
    if (!store.delete(path)) {
      throw KibanException.notFound("Artifact '" + path + "' does not exist");
    }
    return obj();
  }

  private static List<Object> files(List<ArtifactEntry> entries) {
    List<Object> files = new ArrayList<>(entries.size());
    for (ArtifactEntry e : entries) {
      files.add(
          obj().with("path", e.path()).with("is_dir", e.isDir()).with("file_size", e.fileSize()));
    }
    return files;
  }

  /** The artifact path after the proxy prefix, percent-decoded as UTF-8 and validated. */
  static String proxiedPath(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    for (String prefix : PROXY_PREFIXES) {
      if (uri.startsWith(prefix + "/")) {
        String raw = uri.substring(prefix.length() + 1);
        String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        String path = ArtifactPath.normalize(decoded);
        if (path.isEmpty()) {
          throw KibanException.invalid("Missing artifact path");
        }
        return path;
      }
    }
    throw KibanException.invalid("Invalid path");
  }

  static String contentType(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return "application/json";
    }
    if (name.endsWith(".txt")
        || name.endsWith(".log")
        || name.endsWith(".md")
        || name.endsWith(".yaml")
        || name.endsWith(".yml")
        || name.endsWith("mlmodel")) {
      return "text/plain; charset=utf-8";
    }
    if (name.endsWith(".csv")) {
      return "text/csv; charset=utf-8";
    }
    String guessed = URLConnection.guessContentTypeFromName(name);
    return guessed == null ? "application/octet-stream" : guessed;
  }
}
