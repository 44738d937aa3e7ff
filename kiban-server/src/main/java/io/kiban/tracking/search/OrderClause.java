package io.kiban.tracking.search;

/** One sort key of a search. */
public record OrderClause(EntityType type, String key, boolean ascending) {}
