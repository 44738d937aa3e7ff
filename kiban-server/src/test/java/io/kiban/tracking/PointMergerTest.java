package io.kiban.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointMergerTest {

  static List<Metric> sorted(List<Metric> points) {
    List<Metric> copy = new ArrayList<>(points);
    copy.sort(
        Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparing((a, b) -> MetricWriter.compareValues(a.value(), b.value())));
    return copy;
  }

  /** Splits points into blocks as the writer does, one "request" at a time, and merges them. */
  static List<Metric> roundTrip(
      List<List<Metric>> requests, long fromStep, long fromTs, long skip) {
    record Block(long minStep, byte[] payload) {}
    List<Block> blocks = new ArrayList<>();
    for (List<Metric> request : requests) {
      List<Metric> s = sorted(request);
      for (int from = 0; from < s.size(); from += PointBlock.MAX_POINTS) {
        int to = Math.min(s.size(), from + PointBlock.MAX_POINTS);
        blocks.add(new Block(s.get(from).step(), PointBlock.encode(s, from, to)));
      }
    }
    blocks.sort(Comparator.comparingLong(Block::minStep));
    List<Metric> out = new ArrayList<>();
    PointMerger merger =
        new PointMerger(
            fromStep, fromTs, skip, (step, ts, v) -> out.add(new Metric("m", v, ts, step)));
    blocks.forEach(b -> merger.add(b.minStep(), b.payload()));
    merger.finish();
    return out;
  }

  @Test
  void overlappingBlocksMergeInStepTimestampValueOrder() {
    Random random = new Random(7);
    List<List<Metric>> requests = new ArrayList<>();
    List<Metric> all = new ArrayList<>();
    for (int r = 0; r < 20; r++) {
      List<Metric> request = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        Metric m =
            new Metric(
                "m",
                random.nextInt(5) == 0 ? Double.NaN : random.nextDouble(),
                random.nextInt(50),
                random.nextInt(400) - 100);
        request.add(m);
        all.add(m);
      }
      requests.add(request);
    }
    List<Metric> merged = roundTrip(requests, Long.MIN_VALUE, Long.MIN_VALUE, 0);
    assertThat(merged).hasSize(all.size());
    assertThat(merged.toString()).isEqualTo(sorted(all).toString());
  }

  @Test
  void startsAfterAPagePosition() {
    List<Metric> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(new Metric("m", i, 5, 3));
    }
    points.add(new Metric("m", 1, 4, 3));
    points.add(new Metric("m", 1, 1, 2));
    points.add(new Metric("m", 1, 9, 4));
    List<Metric> rest = roundTrip(List.of(points), 3, 5, 4);
    assertThat(rest).extracting(Metric::value).containsExactly(4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 1.0);
    assertThat(rest.get(rest.size() - 1).step()).isEqualTo(4);
  }

  @Test
  void latestValueFollowsStepThenTimestampThenValue() {
    Metric base = new Metric("m", 0.5, 10, 3);
    assertThat(MetricWriter.isLater(new Metric("m", 0.1, 1, 4), 3, 10, 0.5)).isTrue();
    assertThat(MetricWriter.isLater(new Metric("m", 0.1, 11, 3), 3, 10, 0.5)).isTrue();
    assertThat(MetricWriter.isLater(new Metric("m", 0.6, 10, 3), 3, 10, 0.5)).isTrue();
    assertThat(MetricWriter.isLater(new Metric("m", Double.NaN, 10, 3), 3, 10, 0.5)).isFalse();
    assertThat(MetricWriter.isLater(base, 3, 10, 0.5)).isFalse();
  }
}
