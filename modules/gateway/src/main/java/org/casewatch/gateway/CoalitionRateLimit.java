package org.casewatch.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.casewatch.access.Coalition;

/**
 * One token bucket per coalition: a coalition system that floods the gateway (a bug or a stolen
 * token) is slowed to its own rate with 429 and {@code Retry-After}, and cannot starve the others.
 */
final class CoalitionRateLimit {

  private final RateLimit limit;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  CoalitionRateLimit(final RateLimit limit, final LongSupplier nanoTime) {
    this.limit = limit;
    this.nanoTime = nanoTime;
  }

  /** Spends {@code events} of the coalition's tokens, or answers 429 and returns false. */
  boolean admit(final Context ctx, final Coalition coalition, final int events) {
    if (!limit.limited()) {
      return true;
    }
    final long waitSeconds =
        buckets
            .computeIfAbsent(coalition.id(), id -> new Bucket(limit.burst(), nanoTime.getAsLong()))
            .take(events);
    if (waitSeconds == 0) {
      return true;
    }
    ctx.header("Retry-After", Long.toString(waitSeconds));
    ctx.status(429)
        .contentType("application/json")
        .result(
            JsonNodeFactory.instance
                .objectNode()
                .put("error", "too-many-requests")
                .put(
                    "message",
                    "coalition "
                        + coalition.id()
                        + " may publish "
                        + limit.eventsPerSecond()
                        + " events/s (bursts of "
                        + limit.burst()
                        + "); these "
                        + events
                        + " events were not written: send them again after "
                        + waitSeconds
                        + " s")
                .toString());
    return false;
  }

  private final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(final double tokens, final long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }

    /** 0 if the events may pass (their tokens spent), else the whole seconds until they could. */
    synchronized long take(final int events) {
      final long now = nanoTime.getAsLong();
      tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.eventsPerSecond());
      refilledAt = now;
      if (tokens >= events) {
        tokens -= events;
        return 0;
      }
      final double needed = Math.min(events, limit.burst()) - tokens;
      return Math.max(1, (long) Math.ceil(needed / limit.eventsPerSecond()));
    }
  }
}
