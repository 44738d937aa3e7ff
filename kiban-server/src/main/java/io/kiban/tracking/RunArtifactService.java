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

  /** The store path of the run's artifact root, e.g. {@code 1/<run_id>/artifacts}. */
  public String storeRoot(String runId) {
    String uri = runs.getInfo(runId).artifactUri();
    if (!uri.startsWith(SCHEME)) {
      throw KibanException.invalid(
          "The artifacts of run "
              + runId
              + " are stored at "
              + uri
              + ", outside Kiban's artifact store; read them from there");
    }
    return ArtifactPath.normalize(uri.substring(SCHEME.length()));
  }

  /** Opens one artifact file of the run; empty when there is no such file. */
  public java.util.Optional<ArtifactStore.Content> open(String runId, String path) {
    return store.open(ArtifactPath.join(storeRoot(runId), ArtifactPath.normalize(path)));
  }

  public Listing list(String runId, String path) {
    String relative = ArtifactPath.normalize(path);
    String uri = runs.getInfo(runId).artifactUri();
    String base = storeRoot(runId);
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
