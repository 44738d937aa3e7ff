package io.kiban.identity;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fixed per-minute budgets per key (a client address, a user), kept in memory: enough to slow
 * password guessing and token farming on one server; a cluster multiplies the budget by its size.
 */
@Component
public class RateLimiter {

  private static final long WINDOW_MILLIS = 60_000;
  private static final int MAX_KEYS = 50_000;

  private final ConcurrentHashMap<String, Deque<Long>> hits = new ConcurrentHashMap<>();
  private final Clock clock;

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Counts one attempt; false when the key already used its budget in the last minute. */
  public boolean tryAcquire(String key, int perMinute) {
    if (perMinute <= 0) {
      return true;
    }
    if (hits.size() > MAX_KEYS) {
      hits.clear();
    }
    long now = clock.millis();
    Deque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
        times.pollFirst();
      }
      if (times.size() >= perMinute) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }

  /** Seconds until the key may try again (at least 1). */
  public long retryAfterSeconds(String key) {
    Deque<Long> times = hits.get(key);
    if (times == null) {
      return 1;
    }
    synchronized (times) {
      Long first = times.peekFirst();
      return first == null ? 1 : Math.max(1, (first + WINDOW_MILLIS - clock.millis() + 999) / 1000);
    }
  }
}
