package io.kiban.tracking;

/** One metric point. {@code value} may be NaN or infinite. */
public record Metric(String key, double value, long timestamp, long step) {}
