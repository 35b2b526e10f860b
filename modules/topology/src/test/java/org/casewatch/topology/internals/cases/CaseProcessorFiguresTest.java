package org.casewatch.topology.internals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casewatch.testkit.CaseEvents.aCase;
import static org.casewatch.testkit.CaseEvents.on;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.internal.AlertMark;
import org.casewatch.model.internal.CaseRecord;
import org.casewatch.model.internal.StoredEvent;
import org.casewatch.topology.ClockMode;
import org.casewatch.topology.Settling;
import org.casewatch.topology.country.Contribution;
import org.casewatch.topology.country.CountryFigures;
import org.casewatch.topology.internals.stores.StoreSerdes;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;
import org.junit.jupiter.api.Test;

/**
 * A task that starts on case records written before they kept what their cases count for recounts
 * those cases once, and its figures then count them; live, its countries' changes go out summed,
 * once a second.
 */
class CaseProcessorFiguresTest {

  private static final RuleBook RULES = new RuleBook(RulesFile.defaults());
  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
  private static final CaseProcessor.StoreNames NAMES =
      new CaseProcessor.StoreNames("events", "alerts", "records", "clocks", "figures");

  private final MockProcessorContext<String, CaseOutput> context = new MockProcessorContext<>();
  private final KeyValueStore<Bytes, StoredEvent> events =
      MockStores.on(context, NAMES.events(), Serdes.Bytes(), StoreSerdes.storedEvent());
  private final KeyValueStore<Bytes, AlertMark> alerts =
      MockStores.on(context, NAMES.alerts(), Serdes.Bytes(), StoreSerdes.alertMark());
  private final KeyValueStore<String, CaseRecord> records =
      MockStores.on(context, NAMES.records(), Serdes.String(), StoreSerdes.caseRecord());
  private final KeyValueStore<String, Long> clocks =
      MockStores.on(context, NAMES.clocks(), Serdes.String(), Serdes.Long());
  private final KeyValueStore<String, Contribution> figures =
      MockStores.on(context, NAMES.figures(), Serdes.String(), StoreSerdes.contribution());

  @Test
  void aStartingTaskRecountsTheCasesItsRecordsDoNotCountAndSendsTheirFiguresOnce() {
    final CaseTracker before = new CaseTracker(RULES, ClockMode.LIVE, caseStore());
    before.accept(aCase("KZ-2016-0001").registered(on("2016-02-01")), NOW, NOW);
    before.accept(aCase("KZ-2016-0001").complaintFiled(on("2016-02-02")), NOW, NOW);
    before.accept(aCase("UZ-2016-0002").registered(on("2016-03-01")), NOW, NOW);
    forgetWhatTheyCountFor("KZ-2016-0001", "UZ-2016-0002");

    final CaseProcessor processor =
        new CaseProcessor(RULES, ClockMode.LIVE, Settling.DEFAULT, NAMES);
    context.setCurrentSystemTimeMs(NOW.toEpochMilli());
    processor.init(context);
    final CapturedPunctuator sending = figureSending();

    sending.getPunctuator().punctuate(NOW.toEpochMilli());
    final Map<String, CaseState> republished = new TreeMap<>();
    forwarded(CaseOutput.StateChanged.class)
        .forEach(changed -> republished.put(changed.caseId(), changed.state()));
    assertThat(republished).as("both recounted").containsOnlyKeys("KZ-2016-0001", "UZ-2016-0002");
    assertThat(forwarded(CaseOutput.FiguresMoved.class)).as("summed, not sent yet").isEmpty();
    context.resetForwards();

    sending.getPunctuator().punctuate(NOW.plusSeconds(1).toEpochMilli());
    final Map<Country, CountryStats> sent = new EnumMap<>(Country.class);
    for (final CaseOutput.FiguresMoved moved : forwarded(CaseOutput.FiguresMoved.class)) {
      assertThat(sent).as("one change per country").doesNotContainKey(moved.country());
      sent.put(
          moved.country(),
          CountryFigures.plus(CountryFigures.empty(), moved.change(), moved.country()));
    }
    assertThat(sent).isEqualTo(CountryFigures.of(republished.values()));
    context.resetForwards();

    sending.getPunctuator().punctuate(NOW.plusSeconds(2).toEpochMilli());
    assertThat(context.forwarded()).as("counted once").isEmpty();
  }

  private void forgetWhatTheyCountFor(final String... caseIds) {
    for (final String caseId : caseIds) {
      final CaseRecord record = records.get(caseId);
      record.setContribution(null);
      records.put(caseId, record);
    }
  }

  private StreamsCaseStore caseStore() {
    return new StreamsCaseStore(events, alerts, records, clocks);
  }

  private CapturedPunctuator figureSending() {
    return context.scheduledPunctuators().stream()
        .filter(punctuator -> punctuator.getInterval().equals(CaseProcessor.FIGURES_EVERY))
        .findFirst()
        .orElseThrow();
  }

  private <T extends CaseOutput> List<T> forwarded(final Class<T> type) {
    final List<T> found = new ArrayList<>();
    context.forwarded().stream()
        .map(forward -> forward.record().value())
        .filter(type::isInstance)
        .forEach(value -> found.add(type.cast(value)));
    return found;
  }
}
