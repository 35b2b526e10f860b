package org.casewatch.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.AlertStatus;
import org.casewatch.model.NotificationChannel;
import org.casewatch.model.Subscription;
import org.casewatch.topology.triage.TriageFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each newly raised alert to the subscriptions that ask for it: a webhook POST, or a mail
 * ({@link MailChannel}). The instances share the work as one consumer group on {@code
 * casewatch.alerts} ({@code <application id>-notifier}), reading committed records only, and commit
 * an alert's position once every subscription has had it: a restarted or replaced instance carries
 * on from there. So delivery is at least once, with the alert id as idempotency key ({@code
 * Idempotency-Key}). A delivery that fails (no answer, or not 2xx) is tried again after 1 s, 2 s, 4
 * s ... (at most a minute apart) until the retry period has passed since the first try, then logged
 * as failed and counted. The body is the alert's JSON, as the API gives it; {@code
 * X-Casewatch-Signature: sha256=<hex>} is HMAC-SHA256 of the body under the subscription's secret.
 * A new group starts at the end of the topic: a subscription is told of alerts raised after it was
 * made.
 */
final class AlertNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
  static final String SIGNATURE = "X-Casewatch-Signature";
  private static final String NO_MAIL = "email is not configured on this service";

  /** At most this many sends of one alert at a time. */
  private static final int SENDERS = 16;

  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, Alert> consumer;
  private final String topic;
  private final Subscriptions subscriptions;
  private final Duration retryFor;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(ATTEMPT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final MeterRegistry metrics;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread worker;

  /** Sends to an alert's subscriptions side by side. */
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          SENDERS,
          runnable -> {
            final Thread thread = new Thread(runnable, "casewatch-notifier-send");
            thread.setDaemon(true);
            return thread;
          });

  private boolean failing;
  private final Optional<MailChannel> mail;
  private volatile boolean ready;
  private volatile boolean holdsFirstPartition;

  AlertNotifier(
      final Map<String, Object> kafka,
      final String group,
      final String topic,
      final Deserializer<Alert> alerts,
      final Subscriptions subscriptions,
      final Duration retryFor,
      final Optional<MailChannel> mail,
      final MeterRegistry metrics) {
    this.mail = mail;
    final Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Made by the service (or the operator) with the contract's settings, never by a consumer's
    // first look.
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    // One alert at a time may take the whole retry period (and a last attempt) before its position
    // is committed.
    settings.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int)
            Math.min(Integer.MAX_VALUE, retryFor.plus(ATTEMPT_TIMEOUT).plusMinutes(2).toMillis()));
    this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), alerts);
    this.topic = topic;
    this.subscriptions = subscriptions;
    this.retryFor = retryFor;
    this.metrics = metrics;
    this.worker = new Thread(this::run, "casewatch-notifier");
    worker.setDaemon(true);
    worker.start();
  }

  private void run() {
    try {
      // Not one alert before every subscription made so far is known: a restart must not match
      // against none.
      while (!subscriptions.caughtUp()) {
        if (closing.await(100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
              holdPositions(partitions);
              holdsFirstPartition =
                  partitions.stream().anyMatch(partition -> partition.partition() == 0);
            }

            @Override
            public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
              ready = false;
              holdsFirstPartition = false;
            }
          });
      while (closing.getCount() > 0) {
        try {
          for (final ConsumerRecord<String, Alert> record :
              AlertFeed.pollReadable(consumer, Duration.ofMillis(500))) {
            if (!notify(record.value())) {
              return; // closing: the alert's position is not committed, so it is sent again after
              // the restart
            }
            commit(record);
          }
          failing = false;
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // A broker or registry away, a rebalance under way: what was not committed is read again.
          if (!failing) {
            log.warn(
                "Notifications wait: {}; trying again every {} s",
                e.toString(),
                FIRST_PAUSE.toSeconds());
            failing = true;
          }
          if (closing.await(FIRST_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error(
          "The notifier stopped: {}; restart the service to resume notifications", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Where a partition has no committed position yet (a new group), commits where it starts (the
   * end), so that an alert in flight when an instance stops is sent by the next one rather than
   * skipped by its "start at the end".
   */
  private void holdPositions(final Collection<TopicPartition> partitions) {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(partitions));
    final Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
    for (final TopicPartition partition : partitions) {
      if (committed.get(partition) == null) {
        starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
      }
    }
    if (!starts.isEmpty()) {
      consumer.commitSync(starts);
    }
    ready = true;
  }

  /**
   * Whether the notifier holds its partitions and knows where it is in each (tests wait for it).
   */
  boolean ready() {
    return ready;
  }

  /**
   * Sends a raised alert to each subscription that asks for it, all at once (so several dead
   * receivers cost one retry period, not one each); false if the notifier is closing meanwhile. An
   * alert a coordinator has closed is not sent, even when its rule raises it again.
   */
  private boolean notify(final Alert alert) {
    if (alert == null
        || alert.getStatus() != AlertStatus.RAISED
        || TriageFold.closed(alert.getTriage())) {
      return true;
    }
    final byte[] body = AvroJson.toJson(alert).toString().getBytes(StandardCharsets.UTF_8);
    final List<CompletableFuture<Boolean>> sending =
        subscriptions.matching(alert).stream()
            .map(
                subscription ->
                    CompletableFuture.supplyAsync(
                        () -> deliver(subscription, alert, body), senders))
            .toList();
    boolean finished = true;
    for (final CompletableFuture<Boolean> sent : sending) {
      finished &= sent.join();
    }
    return finished && closing.getCount() > 0;
  }

  /**
   * Sends until it is taken or the retry period is over; false if the notifier is closing
   * meanwhile. A subscription deleted meanwhile is not tried again.
   */
  private boolean deliver(final Subscription subscription, final Alert alert, final byte[] body) {
    final long deadline = System.nanoTime() + retryFor.toNanos();
    Duration pause = FIRST_PAUSE;
    String last = "";
    for (int attempt = 1; ; attempt++) {
      if (closing.getCount() == 0) {
        return false;
      }
      if (attempt > 1 && subscriptions.get(subscription.getSubscriptionId()).isEmpty()) {
        return true;
      }
      last =
          subscription.getChannel() != NotificationChannel.EMAIL
              ? attempt(subscription, alert.getAlertId(), body)
              : mail.isEmpty() ? NO_MAIL : mail.get().send(subscription, alert);
      if (last == null) {
        count(subscription, "delivered");
        return true;
      }
      if (System.nanoTime() + pause.toNanos() > deadline) {
        break;
      }
      log.debug(
          "{} of subscription {} for alert {}: attempt {} failed ({}), again in {}",
          subscription.getChannel(),
          subscription.getSubscriptionId(),
          alert.getAlertId(),
          attempt,
          last,
          pause);
      try {
        if (closing.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
    count(subscription, "failed");
    subscriptions.recordFailure(
        subscription.getSubscriptionId(), alert.getAlertId(), Instant.now(), last);
    log.warn(
        "{} of subscription {} failed for alert {} after {} of retries: {}; it is not sent again",
        subscription.getChannel(),
        subscription.getSubscriptionId(),
        alert.getAlertId(),
        retryFor,
        last);
    return true;
  }

  /**
   * Sends a subscription its daily digest, once (the scheduler tries again later): null if it was
   * taken, otherwise what went wrong. A webhook's idempotency key is {@code digest:<day>}.
   */
  String sendDigest(final Subscription subscription, final DailyDigest digest) {
    if (subscription.getChannel() == NotificationChannel.EMAIL) {
      return mail.isEmpty()
          ? NO_MAIL
          : mail.get()
              .send(subscription, digest.subject(), digest.text(), "digest:" + digest.day());
    }
    return attempt(
        subscription,
        "digest:" + subscription.getSubscriptionId() + ":" + digest.day(),
        digest.json().toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether this instance sends the digests: the one whose notifier holds the alerts' first
   * partition.
   */
  boolean sendsDigests() {
    return holdsFirstPartition;
  }

  /** One POST: null if the receiver took it (2xx), otherwise what went wrong. */
  private String attempt(
      final Subscription subscription, final String idempotencyKey, final byte[] body) {
    final HttpRequest request =
        HttpRequest.newBuilder(URI.create(subscription.getTarget()))
            .timeout(ATTEMPT_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .header("X-Casewatch-Subscription", subscription.getSubscriptionId())
            .header(SIGNATURE, "sha256=" + sign(subscription.getSecret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // The request's timeout ends at the answer's headers: the whole exchange, body included, is
    // bounded here.
    final CompletableFuture<HttpResponse<Void>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      final HttpResponse<Void> response =
          exchange.get(ATTEMPT_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.cancel(true);
      return "interrupted";
    } catch (ExecutionException e) {
      return e.getCause().toString();
    } catch (java.util.concurrent.TimeoutException e) {
      exchange.cancel(true);
      return "no answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  /** HMAC-SHA256 of {@code body} under {@code secret}, in lower-case hex. */
  static String sign(final String secret, final byte[] body) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private void commit(final ConsumerRecord<String, Alert> record) {
    try {
      consumer.commitSync(
          Map.of(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)));
    } catch (CommitFailedException e) {
      log.info(
          "The position after alert {} was not committed ({}); another instance may send it again",
          record.value() == null ? "?" : record.value().getAlertId(),
          e.getMessage());
    }
  }

  private void count(final Subscription subscription, final String outcome) {
    Counter.builder("casewatch.notifications")
        .description("Alerts sent to subscriptions, by channel and outcome")
        .tag("channel", subscription.getChannel().name())
        .tag("outcome", outcome)
        .register(metrics)
        .increment();
  }

  @Override
  public void close() {
    closing.countDown();
    consumer.wakeup();
    try {
      worker.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }
}
