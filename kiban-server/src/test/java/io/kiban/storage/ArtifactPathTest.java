package io.kiban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.platform.error.KibanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathTest {

  @Test
  void normalizesRelativePaths() {
    assertThat(ArtifactPath.normalize(null)).isEmpty();
    assertThat(ArtifactPath.normalize("")).isEmpty();
    assertThat(ArtifactPath.normalize("a/b.txt")).isEqualTo("a/b.txt");
    assertThat(ArtifactPath.normalize("a//b/")).isEqualTo("a/b");
    assertThat(ArtifactPath.normalize("モデル/重み.bin")).isEqualTo("モデル/重み.bin");
    assertThat(ArtifactPath.normalize("dir/..hidden")).isEqualTo("dir/..hidden");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/etc/passwd",
        "../x",
        "a/../../x",
        "a/..",
        "./a",
        "a\\b",
        "~/x",
        "C:/x",
        "a\u0000b"
      })
  void rejectsTraversalAndAbsolutePaths(String path) {
    assertThatThrownBy(() -> ArtifactPath.normalize(path))
        .isInstanceOf(KibanException.class)
        .hasMessage("Invalid path");
  }
}
