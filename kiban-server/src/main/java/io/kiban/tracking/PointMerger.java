package io.kiban.tracking;

import java.util.PriorityQueue;

/**
 * Merges blocks, fed in order of their first step, into one stream of points ordered by (step,
 * timestamp, value). A point is emitted only once no block still to come can hold a smaller one, so
 * memory holds just the blocks whose step ranges overlap.
 */
final class PointMerger {

  /** Receives merged points; returns false to stop the merge. */
  interface Sink {
    boolean accept(long step, long timestamp, double value);
  }

  private static final class Cursor {
    final PointBlock block;
    int index;

    Cursor(PointBlock block, int index) {
      this.block = block;
      this.index = index;
    }
  }

  private final PriorityQueue<Cursor> open =
      new PriorityQueue<>(
          (a, b) ->
              PointBlock.compare(
                  a.block.steps[a.index],
                  a.block.timestamps[a.index],
                  a.block.values[a.index],
                  b.block.steps[b.index],
                  b.block.timestamps[b.index],
                  b.block.values[b.index]));
  private final long fromStep;
  private final long fromTs;
  private long toSkip;
  private final Sink sink;
  private boolean stopped;

  /**
   * @param fromStep, fromTs emit only points at or after this (step, timestamp) position
   * @param skip how many points exactly at the position to leave out (sent on an earlier page)
   */
  PointMerger(long fromStep, long fromTs, long skip, Sink sink) {
    this.fromStep = fromStep;
    this.fromTs = fromTs;
    this.toSkip = skip;
    this.sink = sink;
  }

  boolean stopped() {
    return stopped;
  }

  /** Adds the next block; blocks must arrive in order of their first step. */
  void add(long minStep, byte[] payload) {
    drain(minStep);
    if (stopped) {
      return;
    }
    PointBlock block = PointBlock.decode(payload);
    int start = block.firstAtOrAfter(fromStep);
    if (start < block.size()) {
      open.add(new Cursor(block, start));
    }
  }

  /** Emits everything still held. */
  void finish() {
    drain(Long.MAX_VALUE);
    if (!stopped) {
      drainAll();
    }
  }

  private void drain(long belowStep) {
    while (!stopped && !open.isEmpty()) {
      Cursor c = open.peek();
      if (c.block.steps[c.index] >= belowStep) {
        return;
      }
      emitHead();
    }
  }

  private void drainAll() {
    while (!stopped && !open.isEmpty()) {
      emitHead();
    }
  }

  private void emitHead() {
    Cursor c = open.poll();
    long step = c.block.steps[c.index];
    long ts = c.block.timestamps[c.index];
    double value = c.block.values[c.index];
    c.index++;
    if (c.index < c.block.size()) {
      open.add(c);
    }
    if (step == fromStep && ts < fromTs) {
      return;
    }
    if (step == fromStep && ts == fromTs && toSkip > 0) {
      toSkip--;
      return;
    }
    if (!sink.accept(step, ts, value)) {
      stopped = true;
    }
  }
}
