package org.casewatch.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.casewatch.analytics.Replay;
import org.casewatch.analytics.ReplayOptions;
import org.casewatch.analytics.ReplayResult;
import org.casewatch.model.Alert;
import org.casewatch.model.Topics;
import org.casewatch.topology.rules.RulesFile;

/**
 * One fault run: starts a {@link Deployment}, sends a {@link KnownHistory} through the gateway,
 * injects the planned faults one after the other at random moments while the events go in, and then
 * checks what casewatch says against the truth:
 *
 * <ul>
 *   <li>every event the gateway acknowledged is in its topic (copies are allowed: the topology
 *       deduplicates them by eventId);
 *   <li>the service's country figures equal the {@link IndependentFold} of the acknowledged events;
 *   <li>the alerts topic's alerts (ids, latest status) equal a replay of the same topics;
 *   <li>no process's log repeats a stack trace more than the faults explain.
 * </ul>
 */
public final class FaultRun {

  private static final String APPLICATION_ID = "casewatch";

  private final FaultRunSettings settings;
  private final Path dir;
  private final FiguresSource figuresSource;
  private final Map<String, FiguresSource> variants = new TreeMap<>();

  /**
   * The longest the harness waits, with one Kafka node down, for the service to count new cases.
   */
  static final Duration BROKER_DOWN_AT_MOST = Duration.ofSeconds(30);

  /**
   * After a node's kill, when its broker session (9 s) has expired and the controller has moved its
   * leaders.
   */
  static final Duration LEADERS_MOVED = Duration.ofSeconds(10);

  private final List<Long> processedWhileBrokerDown = new ArrayList<>();
  private final List<Integer> acknowledgedWhileBrokerDown = new ArrayList<>();
  private final List<Integer> gatewayReadinessWhileRegistryDown = new ArrayList<>();

  public FaultRun(final FaultRunSettings settings, final Path dir) {
    this(settings, dir, FiguresSource.SERVICE);
  }

  /** A run that checks the figures of {@code figuresSource} instead of the service's. */
  public FaultRun(
      final FaultRunSettings settings, final Path dir, final FiguresSource figuresSource) {
    this.settings = settings;
    this.dir = dir;
    this.figuresSource = figuresSource;
  }

  /**
   * Also checks {@code source}'s figures against the same truth once the run is over, reported
   * under {@code name}: a deliberately broken variant that the checks must catch.
   */
  public FaultRun withVariant(final String name, final FiguresSource source) {
    variants.put(name, source);
    return this;
  }

  public FaultReport run() throws InterruptedException {
    final long started = System.nanoTime();
    final KnownHistory history = KnownHistory.of(settings.events(), settings.seed(), Instant.now());
    try (Deployment deployment =
        new Deployment(
            dir,
            settings.brokers(),
            settings.instances(),
            settings.sessionTimeout(),
            settings.processingGuarantee())) {
      deployment.start();
      System.out.printf(
          Locale.ROOT, "deployment ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
      final Ingest ingest =
          new Ingest(
              deployment.gatewayUrl(),
              deployment.tokens().coalitions(),
              settings.batchSize(),
              settings.eventsPerSecond());
      final List<Throwable> ingestFailure = new ArrayList<>();
      final Thread sender =
          new Thread(
              () -> {
                try {
                  ingest.send(history);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  ingestFailure.add(e);
                }
              },
              "ingest");
      final long ingestStarted = System.nanoTime();
      sender.setDaemon(true);
      sender.start();
      final List<FaultReport.Recovery> recoveries;
      try {
        recoveries = inject(deployment, ingest, ingestStarted);
      } finally {
        ingest.hurry();
      }
      sender.join();
      if (!ingestFailure.isEmpty()) {
        throw new IllegalStateException(ingestFailure.get(0).getMessage(), ingestFailure.get(0));
      }
      final long ingested = System.nanoTime();
      System.out.printf(
          Locale.ROOT, "ingest done %.1f s after it began%n", (ingested - ingestStarted) / 1e9);
      final Map<String, Long> truth = IndependentFold.truth(history, ingest.acknowledged());
      final Map<String, Long> figures = settle(deployment, truth);
      final Duration settled = Duration.ofNanos(System.nanoTime() - ingested);
      return report(
          deployment,
          history,
          ingest,
          recoveries,
          truth,
          figures,
          settled,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** Injects the plan's faults, each at a random moment after the previous one recovered. */
  private List<FaultReport.Recovery> inject(
      final Deployment deployment, final Ingest ingest, final long ingestStarted)
      throws InterruptedException {
    final Random random = new Random(settings.seed());
    final List<FaultReport.Recovery> recoveries = new ArrayList<>();
    for (final Fault fault : settings.faults()) {
      final long gap = settings.gapBetweenFaults().toMillis();
      Pause.of(Duration.ofMillis(gap / 2 + (long) (random.nextDouble() * gap)));
      final Duration at = Duration.ofNanos(System.nanoTime() - ingestStarted);
      final int acknowledgedBefore = ingest.acknowledgedCount();
      final Duration ready = inject(deployment, ingest, fault);
      recoveries.add(new FaultReport.Recovery(fault.kind(), at, ready, acknowledgedBefore));
      System.out.printf(
          Locale.ROOT,
          "at %6.1f s  %-38s ready again after %5.1f s (%,d events acknowledged)%n",
          at.toMillis() / 1000.0,
          fault.kind(),
          ready.toMillis() / 1000.0,
          ingest.acknowledgedCount());
    }
    return recoveries;
  }

  /** Injects one fault and returns how long, from its end, until every instance was ready again. */
  private Duration inject(final Deployment deployment, final Ingest ingest, final Fault fault)
      throws InterruptedException {
    final long ended;
    if (fault instanceof Fault.ServiceKill kill) {
      deployment.service(kill.instance()).kill();
      ended = System.nanoTime();
      deployment.service(kill.instance()).start();
    } else if (fault instanceof Fault.Takeover takeover) {
      deployment.service(takeover.instance()).kill();
      ended = System.nanoTime();
      awaitOneMember(deployment);
      for (int instance = 0; instance < deployment.instances(); instance++) {
        if (instance != takeover.instance()) {
          deployment.awaitReady(instance);
        }
      }
      final Duration takenOver = Duration.ofNanos(System.nanoTime() - ended);
      deployment.service(takeover.instance()).start();
      awaitAllReady(deployment);
      return takenOver;
    } else if (fault instanceof Fault.BrokerKill kill) {
      final int acknowledged = ingest.acknowledgedCount();
      deployment.kafka().kill(kill.node());
      final long killed = System.nanoTime();
      // Counted from when the controller has fenced the node and moved its leaders: what the
      // service counts from then on it counted without the node, not from transactions it had under
      // way at the kill.
      Pause.of(LEADERS_MOVED);
      final long before = casesCounted(deployment);
      final long counting = System.nanoTime();
      // Processing goes on with one node of three gone: the service counts new cases before it is
      // back.
      processedWhileBrokerDown.add(awaitNewCases(deployment, before, killed, counting));
      // The node stays down for the rest of its time.
      Pause.of(Duration.ofNanos(Math.max(0, killed + kill.down().toNanos() - System.nanoTime())));
      // The gateway takes events meanwhile: acks=all with min.insync.replicas=2 of 3.
      acknowledgedWhileBrokerDown.add(ingest.acknowledgedCount() - acknowledged);
      deployment.kafka().start(kill.node());
      ended = System.nanoTime();
      deployment.kafka().awaitReady(deployment.kafka().size());
    } else if (fault instanceof Fault.ClusterKill kill) {
      deployment.kafka().killAll();
      Pause.of(kill.down());
      deployment.kafka().startAll();
      ended = System.nanoTime();
      deployment.kafka().awaitReady(deployment.kafka().size());
    } else if (fault instanceof Fault.GatewayKill kill) {
      deployment.gateway().kill();
      ended = System.nanoTime();
      deployment.gateway().start();
      deployment.awaitGateway();
      ingest.redeliver(kill.redelivered());
    } else if (fault instanceof Fault.RegistryDown down) {
      deployment.registry().kill();
      final long killed = System.nanoTime();
      // A gateway that starts meanwhile needs the registry: it must answer 503 with Retry-After,
      // not lose or take events.
      deployment.gateway().kill();
      deployment.gateway().start();
      deployment.awaitGatewayAnswers();
      gatewayReadinessWhileRegistryDown.add(deployment.gatewayReadiness());
      // Down for its time from its kill, the gateway's restart included.
      Pause.of(Duration.ofNanos(Math.max(0, killed + down.down().toNanos() - System.nanoTime())));
      deployment.registry().start();
      ended = System.nanoTime();
      deployment.awaitRegistry();
      deployment.awaitGateway();
    } else {
      throw new IllegalArgumentException("unknown fault " + fault);
    }
    awaitAllReady(deployment);
    return Duration.ofNanos(System.nanoTime() - ended);
  }

  /**
   * Waits, up to {@link #BROKER_DOWN_AT_MOST}, until the service counts more cases than {@code
   * before}; how many more it counted, 0 if it counted none in that time.
   */
  private long awaitNewCases(
      final Deployment deployment, final long before, final long killed, final long counting)
      throws InterruptedException {
    final long deadline = counting + BROKER_DOWN_AT_MOST.toNanos();
    long counted = before;
    while (counted <= before && System.nanoTime() < deadline) {
      Pause.briefly();
      // The figures may not answer for a while (a peer restoring after an earlier kill): that is
      // waited for too.
      counted = casesCountedNow(deployment).orElse(before);
    }
    if (counted > before) {
      System.out.printf(
          Locale.ROOT,
          "  new cases counted %.1f s after the broker's kill (counting from %.0f s), "
              + "while it was down%n",
          (System.nanoTime() - killed) / 1e9,
          (counting - killed) / 1e9);
    } else {
      System.out.printf(
          Locale.ROOT,
          "  no new cases counted in the %d s the broker was kept down%n",
          BROKER_DOWN_AT_MOST.toSeconds());
    }
    return counted - before;
  }

  /** Cases the service counts in all countries right now, if it answers. */
  private Optional<Long> casesCountedNow(final Deployment deployment) {
    try {
      return Optional.of(casesRegistered(figuresSource.figures(deployment)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Cases the service counts in all countries right now, or what it counted last time it answered.
   */
  private long casesCounted(final Deployment deployment) throws InterruptedException {
    final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return casesRegistered(figuresSource.figures(deployment));
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Pause.briefly();
      }
    }
  }

  private static long casesRegistered(final Map<String, Long> figures) {
    return figures.entrySet().stream()
        .filter(e -> e.getKey().endsWith(" casesRegistered"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static void awaitAllReady(final Deployment deployment) {
    for (int instance = 0; instance < deployment.instances(); instance++) {
      deployment.awaitReady(instance);
    }
  }

  /**
   * Waits until the application's group has one member left and is stable: the survivor holds every
   * task.
   */
  private void awaitOneMember(final Deployment deployment) throws InterruptedException {
    final long deadline =
        System.nanoTime() + settings.sessionTimeout().multipliedBy(3).plusMinutes(1).toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                deployment.kafka().bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        try {
          final ConsumerGroupDescription group =
              admin
                  .describeConsumerGroups(List.of(APPLICATION_ID))
                  .describedGroups()
                  .get(APPLICATION_ID)
                  .get(10, TimeUnit.SECONDS);
          if (group.members().size() == 1 && group.groupState() == GroupState.STABLE) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // the coordinator may be moving; look again
        }
        Pause.briefly();
      }
    }
    throw new IllegalStateException(
        "The surviving instance did not take the work over within "
            + settings.sessionTimeout().multipliedBy(3).plusMinutes(1));
  }

  /**
   * Waits until the service's figures equal the truth, or the settle time is over; returns the
   * figures it last answered.
   */
  private Map<String, Long> settle(final Deployment deployment, final Map<String, Long> truth)
      throws InterruptedException {
    final long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
    Map<String, Long> figures = Map.of();
    while (System.nanoTime() < deadline) {
      try {
        figures = figuresSource.figures(deployment);
        if (FigureCheck.of(truth, figures).exact()) {
          return figures;
        }
      } catch (RuntimeException e) {
        // an instance between two states; ask again
      }
      Pause.of(Duration.ofSeconds(1));
    }
    return figures;
  }

  private FaultReport report(
      final Deployment deployment,
      final KnownHistory history,
      final Ingest ingest,
      final List<FaultReport.Recovery> recoveries,
      final Map<String, Long> truth,
      final Map<String, Long> figures,
      final Duration settled,
      final Duration took) {
    final TopicContents topics =
        new TopicContents(deployment.kafka().bootstrapServers(), deployment.registryUrl());
    final Set<String> acknowledged = ingest.acknowledged();
    final Map<String, Integer> inTopics = topics.eventIds(Topics.allEvents());
    final List<String> lost =
        acknowledged.stream().filter(id -> !inTopics.containsKey(id)).sorted().toList();
    final long copies = inTopics.values().stream().mapToLong(times -> times - 1).sum();
    final Map<String, FigureCheck> checkedVariants = new TreeMap<>();
    variants.forEach(
        (name, source) ->
            checkedVariants.put(name, FigureCheck.of(truth, source.figures(deployment))));
    final long deadLetters = topics.count(Topics.DEAD_LETTERS);
    final Map<String, String> expectedCases = IndependentFold.cases(history, acknowledged);
    final Map<String, String> cases = topics.caseCounts(Topics.CASE_STATE);
    final List<String> caseDifferences = new ArrayList<>();
    for (final String caseId : new TreeSet<>(keys(expectedCases, cases))) {
      if (!java.util.Objects.equals(expectedCases.get(caseId), cases.get(caseId))) {
        caseDifferences.add(
            caseId + ": truth " + expectedCases.get(caseId) + "; casewatch " + cases.get(caseId));
      }
    }
    final Map<String, String> live = topics.alertStatuses(Topics.ALERTS);
    final Map<String, String> replayed = replay(deployment);
    final List<String> alertDifferences = new ArrayList<>();
    for (final String alertId : new TreeSet<>(keys(live, replayed))) {
      if (!java.util.Objects.equals(live.get(alertId), replayed.get(alertId))) {
        alertDifferences.add(
            alertId + " live " + live.get(alertId) + ", replayed " + replayed.get(alertId));
      }
    }
    final Map<String, Map<String, Integer>> repeated = new TreeMap<>();
    deployment
        .processes()
        .forEach(
            process -> {
              final Map<String, Integer> traces =
                  StackTraces.repeated(
                      process.log(),
                      settings.stackTracesAllowed() * (settings.faults().size() + 1));
              if (!traces.isEmpty()) {
                repeated.put(process.name(), traces);
              }
            });
    return new FaultReport(
        history.size(),
        acknowledged.size(),
        ingest.unavailable(),
        ingest.withoutRetryAfter(),
        ingest.unreachable(),
        recoveries,
        lost,
        copies,
        deadLetters,
        caseDifferences,
        FigureCheck.of(truth, figures),
        checkedVariants,
        live.size(),
        replayed.size(),
        alertDifferences,
        repeated,
        List.copyOf(processedWhileBrokerDown),
        List.copyOf(acknowledgedWhileBrokerDown),
        List.copyOf(gatewayReadinessWhileRegistryDown),
        settled,
        took);
  }

  /** Every alert's latest status in a replay of the event topics as of now. */
  private static Map<String, String> replay(final Deployment deployment) {
    final ReplayResult result =
        Replay.run(
            new ReplayOptions(
                deployment.kafka().bootstrapServers(),
                deployment.registryUrl(),
                Instant.now(),
                RulesFile.defaults(),
                "",
                Map.of()),
            (events, total) -> {});
    final Map<String, String> statuses = new TreeMap<>();
    for (final Alert alert : result.alerts()) {
      statuses.put(alert.getAlertId(), alert.getStatus().name());
    }
    return statuses;
  }

  private static <V> Set<String> keys(final Map<String, V> one, final Map<String, V> other) {
    final Set<String> keys = new HashSet<>(one.keySet());
    keys.addAll(other.keySet());
    return keys;
  }
}
