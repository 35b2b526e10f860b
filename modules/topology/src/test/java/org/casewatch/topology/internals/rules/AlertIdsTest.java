package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.casewatch.model.RuleId;
import org.junit.jupiter.api.Test;

class AlertIdsTest {

  @Test
  void idsAreTheNameBasedUuidsAlertsHaveAlwaysCarried() {
    for (final RuleId rule : RuleId.values()) {
      for (final String discriminator :
          new String[] {"", "2016-03-01T00:00:00Z", "ev-ü-1", "limit"}) {
        final String name = "KZ-2016-0001|" + rule.name() + "|" + discriminator;
        assertThat(AlertIds.of("KZ-2016-0001", rule, discriminator))
            .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
      }
    }
  }
}
