package io.kiban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.platform.error.KibanException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

  @TempDir Path root;

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static String read(ArtifactStore store, String path) throws IOException {
    try (InputStream in = store.open(path).orElseThrow().stream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void putOpenListDelete() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    assertThat(store.put("1/run/artifacts/model/MLmodel", text("flavors: {}"))).isEqualTo(11);
    store.put("1/run/artifacts/metrics.json", text("{\"a\":1}"));
    store.put("1/run/artifacts/metrics.json", text("{\"a\":2}"));
    assertThat(read(store, "1/run/artifacts/metrics.json")).isEqualTo("{\"a\":2}");
    assertThat(store.open("1/run/artifacts/metrics.json").orElseThrow().size()).isEqualTo(7);
    assertThat(store.list("1/run/artifacts"))
        .containsExactly(
            new ArtifactEntry("metrics.json", false, 7L), new ArtifactEntry("model", true, null));
    assertThat(store.list("1/run/missing")).isEmpty();
    assertThat(store.isDirectory("1/run/artifacts/model")).isTrue();
    assertThat(store.open("1/run/artifacts/model")).isEmpty();
    assertThat(store.delete("1/run/artifacts/model")).isTrue();
    assertThat(store.delete("1/run/artifacts/model")).isFalse();
    assertThat(store.list("1/run/artifacts"))
        .extracting(ArtifactEntry::path)
        .containsExactly("metrics.json");
  }

  @Test
  void failedUploadLeavesNothingBehind() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    InputStream failing =
        new InputStream() {
          int sent;

          @Override
          public int read() throws IOException {
            if (sent++ > 10_000) {
              throw new IOException("connection reset");
            }
            return 'x';
          }
        };
    assertThatThrownBy(() -> store.put("a/big.bin", failing))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(store.open("a/big.bin")).isEmpty();
    assertThat(store.list("a")).isEmpty();
  }

  @Test
  void pathsCannotEscapeTheRoot() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root.resolve("store"));
    Files.writeString(root.resolve("secret.txt"), "secret");
    assertThatThrownBy(() -> store.open("../secret.txt")).isInstanceOf(KibanException.class);
    assertThatThrownBy(() -> store.put("../x", text("x"))).isInstanceOf(KibanException.class);
    assertThatThrownBy(() -> store.delete("a/../../secret.txt")).isInstanceOf(KibanException.class);
    assertThat(Files.exists(root.resolve("secret.txt"))).isTrue();
  }
}
