package org.casewatch.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.casewatch.model.Alert;
import org.casewatch.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each subscription that asks for one its daily digest, once a day at the configured local
 * time ({@code casewatch.digest.time} in {@code casewatch.digest.zone}). One instance sends them
 * all: the one whose notifier holds the alerts' first partition. The day of the last digest is
 * kept with the subscription on Kafka, so neither a restart nor a new sender sends a day twice. A
 * digest that is not taken is tried again a minute later, until the day is over.
 */
final class DigestScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
  private static final long RETRY_MILLIS = 60_000;

  private final Subscriptions subscriptions;
  private final QueryApi queries;
  private final AlertNotifier notifier;
  private final Clock clock;
  private final LocalTime at;
  private final ZoneId zone;
  /** When a digest that was not taken may be tried again, per subscription. */
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
    final Thread thread = new Thread(runnable, "casewatch-digests");
    thread.setDaemon(true);
    return thread;
  });

  DigestScheduler(final Subscriptions subscriptions, final QueryApi queries, final AlertNotifier notifier,
      final Clock clock, final LocalTime at, final ZoneId zone) {
    this.subscriptions = subscriptions;
    this.queries = queries;
    this.notifier = notifier;
    this.clock = clock;
    this.at = at;
    this.zone = zone;
    ticks.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** Sends what is due; a failure (a store moving, a receiver down) waits for a later tick. */
  void tick() {
    try {
      final Instant now = clock.instant();
      final ZonedDateTime local = now.atZone(zone);
      if (!notifier.sendsDigests() || local.toLocalTime().isBefore(at)) {
        return;
      }
      final LocalDate today = local.toLocalDate();
      for (final Subscription subscription : subscriptions.all()) {
        if (subscription.getDigest() && !today.toString().equals(subscription.getLastDigestOn())
            && !now.isBefore(retryAfter.getOrDefault(subscription.getSubscriptionId(), Instant.MIN))) {
          send(subscription, today, now);
        }
      }
    } catch (RuntimeException e) {
      log.debug("Digests wait: {}", e.toString());
    }
  }

  private void send(final Subscription subscription, final LocalDate today, final Instant now) {
    final List<Alert> alerts = queries.gatherAlerts(queryFor(subscription)).stream()
        .filter(alert -> Subscriptions.matches(subscription, alert)).toList();
    final String failed = notifier.sendDigest(subscription, DailyDigest.of(today, now, alerts));
    if (failed != null) {
      log.warn("The digest of {} for subscription {} was not taken ({}); trying again in a minute", today,
          subscription.getSubscriptionId(), failed);
      retryAfter.put(subscription.getSubscriptionId(), now.plusMillis(RETRY_MILLIS));
      return;
    }
    retryAfter.remove(subscription.getSubscriptionId());
    subscriptions.get(subscription.getSubscriptionId()).ifPresent(current -> {
      final Subscription sent = Subscription.newBuilder(current).setLastDigestOn(today.toString()).build();
      subscriptions.put(sent);
    });
  }

  /** The alert filters of a subscription, for every instance's alerts. */
  private static AlertQuery queryFor(final Subscription subscription) {
    final Map<String, List<String>> filters = new HashMap<>();
    if (!subscription.getCountries().isEmpty()) {
      filters.put("country", subscription.getCountries().stream().map(Enum::name).toList());
    }
    if (!subscription.getRules().isEmpty()) {
      filters.put("rule", subscription.getRules().stream().map(Enum::name).toList());
    }
    return AlertQuery.from(new QueryParameters(filters));
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
