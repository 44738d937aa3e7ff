package io.kiban.tracking;

public record Dataset(
    String name, String digest, String sourceType, String source, String schema, String profile) {}
