package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseState;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.Topics;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --as-known-at}: what casewatch knew at an instant, from the arrival time the broker
 * stamped on each record. The oracle is a replay of topics that only ever held what had arrived by
 * then: the same cases, alerts and figures.
 */
@WithCasewatchKafka
class AsKnownAtIT {

  private static final Instant AS_OF = on("2016-12-31").plus(Duration.ofDays(1)).minusMillis(1);

  private final CasewatchCluster cluster;

  AsKnownAtIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void leavesOutWhatArrivedLaterAndAgreesWithTopicsThatNeverHadIt() {
    final String known = CasewatchCluster.uniqueName("known") + ".";
    final String later = CasewatchCluster.uniqueName("later") + ".";
    cluster.createTopics(
        3,
        Topics.allEvents().stream()
            .flatMap(topic -> java.util.stream.Stream.of(known + topic, later + topic))
            .toArray(String[]::new));
    final CaseEvents.CaseBuilder first = CaseEvents.aCase("KZ-2016-00001");
    final CaseEvents.CaseBuilder second = CaseEvents.aCase("KZ-2016-00002");
    final CaseEvent secondsComplaint = second.complaintFiled(on("2016-03-02"));
    final List<CaseEvent> early =
        List.of(
            first.registered(on("2016-03-01")),
            first.complaintFiled(on("2016-03-02")),
            second.registered(on("2016-03-01")),
            secondsComplaint);
    cluster.publishEvents(known, early);
    final Instant knownAt =
        Instant.ofEpochMilli(
            cluster.publishEvents(later, early).stream()
                .mapToLong(RecordMetadata::timestamp)
                .max()
                .orElseThrow());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> System.currentTimeMillis() > knownAt.toEpochMilli() + 2);
    // Recorded later: an investigation that answers the first complaint, the second taken back, a
    // new case.
    final CaseEvents.CaseBuilder third = CaseEvents.aCase("KG-2016-00003");
    final List<RecordMetadata> arrivedLater =
        cluster.publishEvents(
            later,
            List.of(
                first.investigationOpened(on("2016-03-20")),
                second.retraction(
                    on("2016-03-10"), secondsComplaint, RetractionReason.ENTERED_IN_ERROR),
                third.registered(on("2016-05-01")),
                third.complaintFiled(on("2016-05-02"))));
    assertThat(arrivedLater)
        .allSatisfy(record -> assertThat(record.timestamp()).isGreaterThan(knownAt.toEpochMilli()));

    final ReplayResult whatWasKnown =
        Replay.run(options(later).knownAt(knownAt), ReplayProgress.NONE);
    final ReplayResult onlyThat = Replay.run(options(known), ReplayProgress.NONE);
    final ReplayResult everything = Replay.run(options(later), ReplayProgress.NONE);

    assertThat(whatWasKnown.cases())
        .extracting(CaseState::getCaseId)
        .containsExactly("KZ-2016-00001", "KZ-2016-00002");
    assertThat(whatWasKnown.cases()).isEqualTo(onlyThat.cases());
    assertThat(whatWasKnown.alerts()).isEqualTo(onlyThat.alerts()).isNotEmpty();
    assertThat(whatWasKnown.countries()).isEqualTo(onlyThat.countries());
    assertThat(whatWasKnown.deadLetters()).isZero();
    assertThat(whatWasKnown.eventsRead())
        .as("records that had arrived")
        .isEqualTo(onlyThat.eventsRead())
        .isEqualTo(4);
    assertThat(everything.eventsRead()).isEqualTo(8);
    assertThat(everything.cases()).hasSize(3);
    assertThat(everything.alerts())
        .as("what was learnt later changes the alerts")
        .isNotEqualTo(whatWasKnown.alerts());

    assertThatThrownBy(
            () ->
                Replay.run(
                    options(later).knownAt(knownAt).on(ReplayEngine.STREAMS), ReplayProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--engine memory");
  }

  private ReplayOptions options(final String prefix) {
    return new ReplayOptions(
        cluster.bootstrapServers(),
        cluster.registryUrl(),
        AS_OF,
        RulesFile.defaults(),
        prefix,
        Map.of());
  }
}
