package io.kiban.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where artifact files live. Paths are relative, '/'-separated and already validated by {@link
 * ArtifactPath}; "" is the root. Implementations stream: no method holds a whole file in memory.
 */
public interface ArtifactStore {

  /** A file opened for reading; the caller closes the stream. */
  record Content(InputStream stream, long size) {}

  /**
   * Writes the stream to {@code path}, replacing any file there. A failed write leaves nothing
   * behind. Returns the number of bytes written.
   */
  long put(String path, InputStream content);

  /** Opens the file at {@code path}; empty if there is no file there. */
  Optional<Content> open(String path);

  /** The direct children of the directory at {@code dir}, sorted by name; empty if none. */
  List<ArtifactEntry> list(String dir);

  /** Deletes the file or directory tree at {@code path}; false if nothing was there. */
  boolean delete(String path);

  boolean isDirectory(String path);

  /** A human-readable description of where files are kept, for start-up logs. */
  String describe();
}
