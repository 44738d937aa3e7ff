package io.kiban.tracking.search;

/**
 * One clause of a search filter. {@code value} is a String (string operand), a Double (numeric
 * operand) or a {@code List<String>} (IN / NOT IN).
 */
public record FilterClause(EntityType type, String key, Comparator comparator, Object value) {}
