package org.casewatch.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.casewatch.model.Alert;
import org.casewatch.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each subscription that asks for one its daily digest, once a day at the configured local
 * time ({@code casewatch.digest.time} in {@code casewatch.digest.zone}). One instance sends them
 * all: the one whose notifier holds the alerts' first partition. The day of the last digest is kept
 * with the subscription on Kafka, so neither a restart nor a new sender sends a day twice. A digest
 * that is not taken is tried again a minute later, until the day is over.
 */
final class DigestScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

  /** The last failure of a tick, logged once; null after a tick that went through. */
  private volatile String lastTickFailure;

  private static final long RETRY_MILLIS = 60_000;

  private final Subscriptions subscriptions;
  private final QueryApi queries;
  private final AlertNotifier notifier;
  private final Clock clock;
  private final LocalTime at;
  private final ZoneId zone;

  /** When a digest that was not taken may be tried again, per subscription. */
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();

  /**
   * Digests marked as sent on their subscription but not taken yet, by subscription: the day they
   * are for.
   */
  private final Map<String, LocalDate> pending = new ConcurrentHashMap<>();

  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            final Thread thread = new Thread(runnable, "casewatch-digests");
            thread.setDaemon(true);
            return thread;
          });

  /** The ticks' schedule: cancelled on {@link #close}. */
  private final ScheduledFuture<?> schedule;

  DigestScheduler(
      final Subscriptions subscriptions,
      final QueryApi queries,
      final AlertNotifier notifier,
      final Clock clock,
      final LocalTime at,
      final ZoneId zone) {
    this.subscriptions = subscriptions;
    this.queries = queries;
    this.notifier = notifier;
    this.clock = clock;
    this.at = at;
    this.zone = zone;
    this.schedule = ticks.scheduleWithFixedDelay(this::tickGuarded, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * A tick that throws would end the schedule for good (the executor keeps the exception in a
   * future nobody reads): it is logged, once per distinct failure, and the next tick runs a second
   * later.
   */
  private void tickGuarded() {
    try {
      tick();
      lastTickFailure = null;
    } catch (RuntimeException e) {
      if (!String.valueOf(e).equals(lastTickFailure)) {
        log.warn("Daily digests: a tick failed, trying again every second: {}", e.toString());
        lastTickFailure = String.valueOf(e);
      }
    }
  }

  /**
   * Sends what is due. The day is marked on the subscription before its digest goes out, so no
   * failure (a broker away, a crash) ever sends a day twice: a digest that is not taken is tried
   * again each minute from this instance, until the day is over, and lost if this instance stops.
   */
  void tick() {
    final Instant now = clock.instant();
    final ZonedDateTime local = now.atZone(zone);
    if (!notifier.sendsDigests() || local.toLocalTime().isBefore(at)) {
      return;
    }
    final LocalDate today = local.toLocalDate();
    pending.values().removeIf(day -> !day.equals(today));
    final List<Subscription> due =
        subscriptions.all().stream()
            .filter(
                subscription ->
                    subscription.getDigest()
                        && (!today.toString().equals(subscription.getLastDigestOn())
                            || today.equals(pending.get(subscription.getSubscriptionId())))
                        && !now.isBefore(
                            retryAfter.getOrDefault(subscription.getSubscriptionId(), Instant.MIN)))
            .toList();
    if (due.isEmpty()) {
      return;
    }
    // The window ends at the day's digest time, whenever the digest goes out: no hour falls between
    // two digests.
    final Instant until = today.atTime(at).atZone(zone).toInstant();
    final List<Alert> alerts;
    try {
      alerts = queries.gatherAlerts(AlertQuery.from(new QueryParameters(Map.of())));
    } catch (RuntimeException e) {
      due.forEach(
          subscription ->
              waitAMinute(
                  subscription, today, now, "the alerts cannot be read (" + e.getMessage() + ")"));
      return;
    }
    for (final Subscription subscription : due) {
      try {
        if (!today.equals(pending.get(subscription.getSubscriptionId()))) {
          subscriptions.update(
              subscription.getSubscriptionId(),
              current ->
                  Subscription.newBuilder(current).setLastDigestOn(today.toString()).build());
          pending.put(subscription.getSubscriptionId(), today);
        }
        final String failed =
            notifier.sendDigest(
                subscription,
                DailyDigest.of(
                    today,
                    until,
                    alerts.stream()
                        .filter(alert -> Subscriptions.matches(subscription, alert))
                        .toList()));
        if (failed == null) {
          pending.remove(subscription.getSubscriptionId());
          retryAfter.remove(subscription.getSubscriptionId());
        } else {
          waitAMinute(subscription, today, now, failed);
        }
      } catch (RuntimeException e) {
        waitAMinute(subscription, today, now, e.getMessage());
      }
    }
  }

  private void waitAMinute(
      final Subscription subscription, final LocalDate today, final Instant now, final String why) {
    if (!retryAfter.containsKey(subscription.getSubscriptionId())) {
      log.warn(
          "The digest of {} for subscription {} did not go out ({}); trying again each minute"
              + " today",
          today,
          subscription.getSubscriptionId(),
          why);
    }
    retryAfter.put(subscription.getSubscriptionId(), now.plusMillis(RETRY_MILLIS));
  }

  @Override
  public void close() {
    // A tick that is running finishes; no other starts.
    schedule.cancel(false);
    ticks.shutdown();
    try {
      ticks.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
