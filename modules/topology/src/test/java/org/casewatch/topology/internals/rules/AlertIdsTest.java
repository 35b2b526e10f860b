package org.casewatch.topology.internals.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void aCaseMemoGivesTheIdsTheDigestGivesAndRemembersEachRulesOwn() {
    final AlertIds.Memo memo = AlertIds.Memo.of("KZ-2016-0001");
    for (int round = 0; round < 2; round++) {
      for (final RuleId rule : RuleId.values()) {
        for (final String discriminator : new String[] {"", "ev-1", "1456790400001|ev-1"}) {
          assertThat(memo.of("KZ-2016-0001", rule, discriminator))
              .isEqualTo(AlertIds.of("KZ-2016-0001", rule, discriminator));
        }
      }
    }
    // Remembered: the very same id, not a new digest.
    assertThat(memo.of("KZ-2016-0001", RuleId.RETALIATION, "ev-1"))
        .isSameAs(memo.of("KZ-2016-0001", RuleId.RETALIATION, "ev-1"));
  }

  @Test
  void aCaseMemoRefusesAnotherCasesIds() {
    final AlertIds.Memo memo = AlertIds.Memo.of("KZ-2016-0001");
    memo.of("KZ-2016-0001", RuleId.RETALIATION, "ev-1");
    assertThatThrownBy(() -> memo.of("KG-2016-0001", RuleId.RETALIATION, "ev-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KZ-2016-0001")
        .hasMessageContaining("KG-2016-0001");
  }

  @Test
  void theEmptyMemoComputesEveryIdForAnyCase() {
    assertThat(AlertIds.Memo.none().of("KG-2016-0002", RuleId.RETALIATION, "ev-2"))
        .isEqualTo(AlertIds.of("KG-2016-0002", RuleId.RETALIATION, "ev-2"));
    assertThat(AlertIds.Memo.none().of("KZ-2016-0003", RuleId.RETALIATION, "ev-2"))
        .isEqualTo(AlertIds.of("KZ-2016-0003", RuleId.RETALIATION, "ev-2"));
  }
}
