package io.kiban.registry;

/** An alias of a registered model and the version it points to. */
public record ModelAlias(String alias, String version) {}
