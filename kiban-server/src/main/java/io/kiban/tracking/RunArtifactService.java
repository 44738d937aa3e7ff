package io.kiban.tracking;

import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.storage.ArtifactPath;
import io.kiban.storage.ArtifactStore;
import java.util.List;
import org.springframework.stereotype.Service;

/** Lists a run's artifacts, which live in the artifact store under the run's artifact URI. */
@Service
public class RunArtifactService {

  /** Artifact URIs served by Kiban's own artifact store. */
  public static final String SCHEME = "mlflow-artifacts:/";

  /** A listing: the run's artifact root and its entries, paths relative to that root. */
  public record Listing(String rootUri, List<ArtifactEntry> files) {}

  private final RunService runs;
  private final ArtifactStore store;

  RunArtifactService(RunService runs, ArtifactStore store) {
    this.runs = runs;
    this.store = store;
  }

  public Listing list(String runId, String path) {
    RunInfo info = runs.getInfo(runId);
    String relative = ArtifactPath.normalize(path);
    String uri = info.artifactUri();
    if (!uri.startsWith(SCHEME)) {
      throw KibanException.invalid(
          "The artifacts of run "
              + runId
              + " are stored at "
              + uri
              + ", outside Kiban's artifact store; read them from there");
    }
    String base = ArtifactPath.normalize(uri.substring(SCHEME.length()));
    List<ArtifactEntry> files =
        store.list(ArtifactPath.join(base, relative)).stream()
            .map(
                e ->
                    new ArtifactEntry(
                        relative.isEmpty() ? e.path() : relative + "/" + e.path(),
                        e.isDir(),
                        e.fileSize()))
            .toList();
    return new Listing(uri, files);
  }
}
