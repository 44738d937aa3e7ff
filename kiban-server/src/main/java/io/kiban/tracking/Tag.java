package io.kiban.tracking;

/** A key/value tag of an experiment, run or dataset input. */
public record Tag(String key, String value) {}
