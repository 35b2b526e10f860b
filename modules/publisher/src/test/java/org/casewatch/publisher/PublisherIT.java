package org.casewatch.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.Examiner;
import org.casewatch.model.ForensicExamination;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.ReprisalKind;
import org.casewatch.model.ReprisalReported;
import org.casewatch.model.RetractionReason;
import org.casewatch.model.SuspensionReason;
import org.casewatch.model.TermExtended;
import org.casewatch.model.Topics;
import org.casewatch.model.UnBody;
import org.casewatch.model.UnCommunication;
import org.casewatch.model.UnStage;
import org.casewatch.registry.serde.AvroDeserializer;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;

/**
 * The Java publisher on a real broker: what it publishes reads back equal; what it refuses is never
 * sent.
 */
@WithCasewatchKafka
class PublisherIT {

  private final CasewatchCluster cluster;

  PublisherIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
    cluster.createTopicsIfAbsent(3, Topics.allEvents().toArray(String[]::new));
  }

  private CasewatchPublisher kyrgyzPublisher() {
    return CasewatchPublisher.builder()
        .bootstrapServers(cluster.bootstrapServers())
        .registryUrl(cluster.registryUrl())
        .coalition("kg-coalition", Country.KG)
        .build();
  }

  @Test
  void publishedEventsReadBackEqual() {
    final String caseId = newCaseId();
    try (CasewatchPublisher publisher = kyrgyzPublisher()) {
      final CaseEvent complaint =
          publisher.event(
              caseId,
              Instant.parse("2016-04-01T08:00:00Z"),
              new ComplaintFiled(Authority.PROSECUTOR));
      final CaseEvent reprisal =
          publisher.event(
              caseId,
              Instant.parse("2016-04-20T08:00:00Z"),
              new ReprisalReported(
                  ReprisalKind.CRIMINAL_PROCEEDINGS_AGAINST_COMPLAINANT, Agency.PROSECUTOR));

      final Published first = publisher.publish(complaint).join();
      final Published second = publisher.publish(reprisal).join();

      assertThat(first.topic()).isEqualTo("casewatch.events.kg");
      assertThat(second.eventId()).isEqualTo(reprisal.getEventId());
      assertThat(eventsOf(caseId)).containsExactlyInAnyOrder(complaint, reprisal);
    }
  }

  @Test
  void everyEventOfContractV2IsPublishedAndReadsBackEqual() {
    final String caseId = newCaseId();
    try (CasewatchPublisher publisher = kyrgyzPublisher()) {
      final CaseEvent refusal =
          publisher.event(
              caseId,
              Instant.parse("2016-02-22T05:00:00Z"),
              new InvestigationClosed(InvestigationOutcome.REFUSED_TO_INITIATE));
      final List<CaseEvent> events =
          List.of(
              refusal,
              publisher.event(
                  caseId,
                  Instant.parse("2016-03-01T05:00:00Z"),
                  new DecisionAppealed(refusal.getEventId(), Authority.COURT)),
              publisher.event(
                  caseId,
                  Instant.parse("2016-03-14T05:00:00Z"),
                  new DecisionAnnulled(refusal.getEventId())),
              publisher.event(
                  caseId,
                  Instant.parse("2016-06-10T05:00:00Z"),
                  new InvestigationSuspended(SuspensionReason.PERPETRATOR_NOT_IDENTIFIED)),
              publisher.event(
                  caseId, Instant.parse("2016-08-01T05:00:00Z"), new InvestigationResumed()),
              publisher.event(caseId, Instant.parse("2016-05-13T05:00:00Z"), new TermExtended(60)),
              publisher.event(
                  caseId,
                  Instant.parse("2016-02-11T05:00:00Z"),
                  new ForensicExamination(ForensicStage.REQUESTED, Examiner.INDEPENDENT)),
              publisher.event(
                  caseId,
                  Instant.parse("2016-03-20T05:00:00Z"),
                  new CustodyChanged(Custodian.RELEASED)),
              publisher.event(
                  caseId,
                  Instant.parse("2016-10-03T05:00:00Z"),
                  new UnCommunication(UnBody.HUMAN_RIGHTS_COMMITTEE, UnStage.SUBMITTED)),
              publisher.event(
                  caseId,
                  Instant.parse("2016-12-20T05:00:00Z"),
                  new CompensationPaid(200_000L, "KGS")));

      events.forEach(event -> publisher.publish(event).join());
      final CaseEvent noDays =
          publisher.event(caseId, Instant.parse("2016-05-14T05:00:00Z"), new TermExtended(0));

      assertThatThrownBy(() -> publisher.publish(noDays).join())
          .cause()
          .isInstanceOf(InvalidCaseEventException.class)
          .hasMessageContaining("payload.days (range)");
      assertThat(eventsOf(caseId)).containsExactlyInAnyOrderElementsOf(events);
    }
  }

  @Test
  void anInvalidEventFailsItsFutureWithTheFieldAndIsNotSent() {
    final String caseId = newCaseId();
    try (CasewatchPublisher publisher = kyrgyzPublisher()) {
      final CaseEvent negative =
          publisher.event(
              caseId, Instant.parse("2016-09-01T00:00:00Z"), new CompensationAwarded(-100L, "KGS"));
      final CaseEvent uzbek =
          publisher.event(
              "UZ-2016-0001",
              Instant.parse("2016-09-01T00:00:00Z"),
              new ComplaintFiled(Authority.COURT));

      assertThatThrownBy(() -> publisher.publish(negative).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(InvalidCaseEventException.class)
          .hasMessageContaining("payload.amountMinor (not-negative)");
      assertThatThrownBy(() -> publisher.publish(uzbek).join())
          .cause()
          .isInstanceOf(InvalidCaseEventException.class)
          .hasMessageContaining("caseId (country-prefix)");
      publisher.flush();
      assertThat(eventsOf(caseId)).isEmpty();
    }
  }

  @Test
  void aCorrectionIsARetractionOfTheWrongEventAndTheRightOneUnderANewEventId() {
    final String caseId = newCaseId();
    try (CasewatchPublisher publisher = kyrgyzPublisher()) {
      final CaseEvent wrong =
          publisher.event(
              caseId, Instant.parse("2016-04-01T08:00:00Z"), new ComplaintFiled(Authority.COURT));
      final CaseEvent retraction =
          publisher.event(
              caseId,
              Instant.parse("2016-04-03T08:00:00Z"),
              new EventRetracted(wrong.getEventId(), RetractionReason.SUPERSEDED_BY_CORRECTION));
      final CaseEvent corrected =
          publisher.event(
              caseId,
              Instant.parse("2016-04-01T08:00:00Z"),
              new ComplaintFiled(Authority.PROSECUTOR));
      final CaseEvent itself =
          publisher.event(
              caseId,
              Instant.parse("2016-04-03T08:00:00Z"),
              new EventRetracted(wrong.getEventId(), RetractionReason.ENTERED_IN_ERROR));
      itself.setPayload(new EventRetracted(itself.getEventId(), RetractionReason.ENTERED_IN_ERROR));

      final Instant sent = Instant.now();
      publisher.publish(wrong).join();
      publisher.publish(retraction).join();
      publisher.publish(corrected).join();
      final Instant acknowledged = Instant.now();

      assertThatThrownBy(() -> publisher.publish(itself).join())
          .cause()
          .isInstanceOf(InvalidCaseEventException.class)
          .hasMessageContaining("payload.retractedEventId (not-itself)");
      final List<ConsumerRecord<String, CaseEvent>> stored = recordsOf(caseId);
      assertThat(stored)
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder(wrong, retraction, corrected);
      assertThat(stored)
          .allSatisfy(
              record -> {
                assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                assertThat(Instant.ofEpochMilli(record.timestamp()))
                    .as("stamped on arrival, not in 2016")
                    .isBetween(sent.minusSeconds(1), acknowledged);
              });
    }
  }

  private List<CaseEvent> eventsOf(final String caseId) {
    return recordsOf(caseId).stream().map(ConsumerRecord::value).toList();
  }

  private List<ConsumerRecord<String, CaseEvent>> recordsOf(final String caseId) {
    return cluster
        .readAll(
            Topics.events(Country.KG),
            AvroDeserializer.specific(cluster.registryClient(), CaseEvent.class))
        .stream()
        .filter(record -> record.value().getCaseId().equals(caseId))
        .toList();
  }

  /** A caseId no other test uses. */
  private static String newCaseId() {
    return "KG-2016-" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }
}
