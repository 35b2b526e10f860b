package org.casewatch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.casewatch.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.simulation.Histories;
import org.junit.jupiter.api.Test;

/**
 * The simulator publishes through the gateway: every event it makes, v2 payloads included, reads
 * back as itself.
 */
class SimulatedEventsThroughTheGatewayTest {

  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  @Test
  void everySimulatedEventRoundTripsThroughTheGatewaysJson() {
    final List<CaseEvent> history = Histories.history2016(2016, NOW);
    for (final CaseEvent event : history) {
      final EventJson.Parsed parsed =
          EventJson.parse(EventJson.toJson(event), event.getCoalition(), event.getCountry(), NOW);
      assertThat(parsed.violations()).as("%s", event).isEmpty();
      assertThat(parsed.event()).isEqualTo(event);
    }
    assertThat(history.stream().map(event -> event.getPayload().getClass()).distinct())
        .hasSizeGreaterThanOrEqualTo(16);
  }
}
