package io.kiban.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Artifacts on a local (or mounted) file system under one root directory. */
public final class LocalArtifactStore implements ArtifactStore {

  private final Path root;

  public LocalArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the artifact directory " + this.root, e);
    }
  }

  private Path resolve(String path) {
    Path resolved = root.resolve(ArtifactPath.normalize(path)).normalize();
    if (!resolved.startsWith(root)) {
      throw ArtifactPath.invalid();
    }
    return resolved;
  }

  @Override
  public long put(String path, InputStream content) {
    String normalized = ArtifactPath.normalize(path);
    if (normalized.isEmpty()) {
      throw ArtifactPath.invalid();
    }
    Path target = resolve(normalized);
    Path temp = null;
    try {
      if (Files.isDirectory(target)) {
        throw new io.kiban.platform.error.KibanException(
            io.kiban.platform.error.ErrorCode.INVALID_PARAMETER_VALUE,
            "Cannot upload to '" + normalized + "': it is a directory");
      }
      Files.createDirectories(target.getParent());
      temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
      long written = Files.copy(content, temp);
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return written;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Could not store artifact '" + normalized + "'", e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The upload already failed; a leftover temp file is hidden and harmless.
      }
    }
  }

  @Override
  public Optional<Content> open(String path) {
    Path file = resolve(path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Content(Files.newInputStream(file), Files.size(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read artifact '" + path + "'", e);
    }
  }

  @Override
  public List<ArtifactEntry> list(String dir) {
    Path directory = resolve(dir);
    List<ArtifactEntry> entries = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return entries;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".part")) {
          continue;
        }
        boolean isDir = Files.isDirectory(child);
        entries.add(new ArtifactEntry(name, isDir, isDir ? null : Files.size(child)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list artifacts under '" + dir + "'", e);
    }
    entries.sort(Comparator.comparing(ArtifactEntry::path));
    return entries;
  }

  @Override
  public boolean delete(String path) {
    Path target = resolve(path);
    if (target.equals(root) || !Files.exists(target)) {
      return false;
    }
    try {
      Files.walkFileTree(
          target,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete artifact '" + path + "'", e);
    }
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(resolve(path));
  }

  @Override
  public String describe() {
    return "local disk under " + root;
  }
}
