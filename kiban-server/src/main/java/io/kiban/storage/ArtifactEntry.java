package io.kiban.storage;

/**
 * One listed artifact: its path relative to the listed directory, whether it is a directory, and
 * its size in bytes (null for directories).
 */
public record ArtifactEntry(String path, boolean isDir, Long fileSize) {}
