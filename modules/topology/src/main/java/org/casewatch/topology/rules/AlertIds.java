package org.casewatch.topology.rules;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.casewatch.model.RuleId;

/**
 * Alert ids derived only from what the alert is about, (case, rule, deadline or triggering
 * event), never from when or where it was computed: live and replay agree on them.
 */
public final class AlertIds {

  private AlertIds() {}

  public static String of(final String caseId, final RuleId rule, final String discriminator) {
    final String name = caseId + "|" + rule.name() + "|" + discriminator;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
