package io.kiban.tracking;

/** A run parameter; immutable once logged. */
public record Param(String key, String value) {}
