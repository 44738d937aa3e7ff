package io.kiban.tracking;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A block of metric points as stored: 24 bytes a point (step, timestamp, value bits), sorted by
 * (step, timestamp, value). Blocks keep the points table small: one row per 64 points.
 */
final class PointBlock {

  static final int MAX_POINTS = 64;
  static final int BYTES_PER_POINT = 24;

  final long[] steps;
  final long[] timestamps;
  final double[] values;

  private PointBlock(long[] steps, long[] timestamps, double[] values) {
    this.steps = steps;
    this.timestamps = timestamps;
    this.values = values;
  }

  int size() {
    return steps.length;
  }

  /** Encodes points that are already sorted by (step, timestamp, value). */
  static byte[] encode(List<Metric> sorted, int from, int to) {
    ByteBuffer buffer = ByteBuffer.allocate((to - from) * BYTES_PER_POINT);
    for (int i = from; i < to; i++) {
      Metric m = sorted.get(i);
      buffer.putLong(m.step()).putLong(m.timestamp()).putDouble(m.value());
    }
    return buffer.array();
  }

  static PointBlock decode(byte[] bytes) {
    int n = bytes.length / BYTES_PER_POINT;
    long[] steps = new long[n];
    long[] timestamps = new long[n];
    double[] values = new double[n];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int i = 0; i < n; i++) {
      steps[i] = buffer.getLong();
      timestamps[i] = buffer.getLong();
      values[i] = buffer.getDouble();
    }
    return new PointBlock(steps, timestamps, values);
  }

  /** Index of the first point whose step is at least {@code step}, or size() if none. */
  int firstAtOrAfter(long step) {
    int lo = 0;
    int hi = steps.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (steps[mid] < step) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the last point whose step is at most {@code step}, or -1 if none. */
  int lastAtOrBefore(long step) {
    int lo = 0;
    int hi = steps.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (steps[mid] <= step) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** Orders points as MLflow's "latest" does: step, then timestamp, then value (NaN lowest). */
  static int compare(long stepA, long tsA, double valueA, long stepB, long tsB, double valueB) {
    if (stepA != stepB) {
      return Long.compare(stepA, stepB);
    }
    if (tsA != tsB) {
      return Long.compare(tsA, tsB);
    }
    return MetricWriter.compareValues(valueA, valueB);
  }
}
