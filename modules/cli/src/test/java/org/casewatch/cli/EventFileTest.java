package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.casewatch.gateway.json.EventJson;
import org.casewatch.model.Country;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {

  @Test
  void theDocumentedExampleFileIsValidEveryRow() throws IOException {
    final List<EventFile.Line> lines = EventFile.read(Path.of("../../docs/examples/events-kz.csv"), Country.KZ);

    assertThat(lines).hasSize(9);
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.problem()).as("line %d", line.number()).isNull();
      assertThat(EventJson.parse(line.event(), "kz-coalition", Country.KZ, Instant.now()).violations())
          .as("line %d", line.number()).isEmpty();
    });
    assertThat(lines.get(0).number()).isEqualTo(2);
    assertThat(lines.get(0).event().path("payload").path("victim").path("returnedFromAbroad").asBoolean()).isFalse();
  }

  @Test
  void aColumnThatCouldCarryANameStopsTheImport(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "type,eventId,caseId,occurredAt,victimName\nCOMPLAINT_FILED,e,KZ-2016-1,2016-01-01,A\n");

    assertThatThrownBy(() -> EventFile.read(csv, Country.KZ)).hasMessageContaining("[victimName]");
  }

  @Test
  void rowsWithoutEventIdGetTheSameDerivedIdEveryTime(@TempDir final Path dir) throws IOException {
    final Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "type,caseId,occurredAt,authority\nCOMPLAINT_FILED,KZ-2016-7,2016-01-01,COURT\n");

    final String first = EventFile.read(csv, Country.KZ).get(0).eventId();
    assertThat(first).startsWith("row-").isEqualTo(EventFile.read(csv, Country.KZ).get(0).eventId());
  }
}
