package org.casewatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Context;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.casewatch.access.Coalition;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;

/**
 * A token bucket per coalition: batches spend one token per event; the bucket refills with time.
 */
class CoalitionRateLimitTest {

  private final AtomicLong now = new AtomicLong();
  private final CoalitionRateLimit limit = new CoalitionRateLimit(new RateLimit(10, 100), now::get);
  private final Coalition kazakh = new Coalition("kz-coalition", Country.KZ);
  private final Coalition kyrgyz = new Coalition("kg-coalition", Country.KG);

  @Test
  void aBurstPassesThenTheRateHoldsPerCoalition() {
    final Map<String, String> headers = new HashMap<>();
    final Context ctx = recording(headers);

    assertThat(limit.admit(ctx, kazakh, 100)).isTrue();
    assertThat(limit.admit(ctx, kazakh, 1)).isFalse();
    assertThat(headers).containsEntry("Retry-After", "1");
    assertThat(limit.admit(ctx, kyrgyz, 100)).as("another coalition's bucket").isTrue();

    now.addAndGet(2_000_000_000L);
    assertThat(limit.admit(ctx, kazakh, 20)).isTrue();
    assertThat(limit.admit(ctx, kazakh, 50)).isFalse();
    assertThat(headers).containsEntry("Retry-After", "5");
  }

  /** A Context that keeps the headers set on it and ignores the rest. */
  private static Context recording(final Map<String, String> headers) {
    return (Context)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              if (method.getName().equals("header") && args != null && args.length == 2) {
                headers.put((String) args[0], (String) args[1]);
              }
              return method.getReturnType().isInstance(proxy) ? proxy : null;
            });
  }
}
