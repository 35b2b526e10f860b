package org.casewatch.access.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.casewatch.model.AuditAction;
import org.casewatch.model.AuditRecord;
import org.casewatch.model.AuditRole;
import org.junit.jupiter.api.Test;

class CommandAuditTest {

  @Test
  void anAnalystsCommandIsRecordedUnderItsKafkaPrincipal() {
    final Map<String, Object> kafka =
        Map.of(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"analyst-ana\" password=\"s3cret\";");

    final AuditRecord record =
        CommandAudit.of(
            kafka,
            AuditAction.EXPORT,
            "casewatch export",
            Map.of("from", "2016-01-01", "out", "x".repeat(500)));

    assertThat(record.getTokenId()).isEqualTo("analyst-ana");
    assertThat(record.getRole()).isEqualTo(AuditRole.ANALYST);
    assertThat(record.getParameters().get("out")).hasSize(200);
    assertThat(record.toString()).doesNotContain("s3cret");
  }

  @Test
  void withoutAPrincipalTheAnalystIsAnonymousAnalyst() {
    assertThat(
            CommandAudit.of(Map.of(), AuditAction.REPLAY, "casewatch replay", Map.of())
                .getTokenId())
        .isEqualTo("analyst");
  }
}
