package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaPrincipalsTest {

  private final KafkaPrincipals principals = KafkaPrincipals.DEFAULT;

  @Test
  void aCoalitionWritesItsOwnCountrysTopicAndNothingElse() {
    assertThat(principals.of("kz"))
        .extracting(KafkaPrincipalsTest::describe)
        .containsExactlyInAnyOrder(
            "TOPIC LITERAL casewatch.events.kz WRITE",
            "TOPIC LITERAL casewatch.events.kz DESCRIBE",
            "CLUSTER LITERAL kafka-cluster IDEMPOTENT_WRITE");
    assertThat(principals.of("kz")).allMatch(acl -> acl.entry().principal().equals("User:kz"));
  }

  @Test
  void onlyTheServiceWritesTheLiveOutputsAndOnlyTheServiceAndAnalystsTheAudit() {
    for (final String output :
        List.of(
            Topics.CASE_STATE,
            Topics.COUNTRY_STATS,
            Topics.ALERTS,
            Topics.DEAD_LETTERS,
            Topics.ALERT_ACTIONS,
            Topics.SUBSCRIPTIONS)) {
      assertThat(writersOf(output)).as(output).containsExactly("User:service");
    }
    assertThat(writersOf(Topics.AUDIT)).containsExactlyInAnyOrder("User:service", "User:analyst");
    assertThat(writersOf(Topics.SCHEMAS)).containsExactly("User:registry");
    assertThat(writersOf(Topics.events(Country.KG)))
        .containsExactlyInAnyOrder("User:kg", "User:gateway");
  }

  @Test
  void coordinatorsActionsAreReadByTheServiceAndAnalystsOnly() {
    final List<String> readers =
        principals.all().stream()
            .filter(
                acl ->
                    acl.pattern().resourceType() == ResourceType.TOPIC
                        && acl.pattern().name().equals(Topics.ALERT_ACTIONS)
                        && acl.entry().operation() == AclOperation.READ)
            .map(acl -> acl.entry().principal())
            .toList();
    assertThat(readers).containsExactlyInAnyOrder("User:service", "User:analyst");
  }

  @Test
  void prefixesEndWithASeparatorSoTheyCoverNoOtherName() {
    assertThat(principals.all())
        .filteredOn(acl -> acl.pattern().patternType() == PatternType.PREFIXED)
        .allMatch(acl -> acl.pattern().name().endsWith("-"));
  }

  @Test
  void theServicesNamesFollowItsApplicationIdAndTopicPrefix() {
    final List<String> acls =
        new KafkaPrincipals("cw-live", "test.")
            .of(KafkaPrincipals.SERVICE).stream().map(KafkaPrincipalsTest::describe).toList();
    assertThat(acls)
        .contains(
            "GROUP LITERAL cw-live READ",
            "TOPIC PREFIXED cw-live- ALL",
            "TRANSACTIONAL_ID PREFIXED cw-live- WRITE",
            "TOPIC LITERAL test.casewatch.events.tj READ",
            "TOPIC LITERAL test.casewatch.alerts WRITE");
  }

  @Test
  void anUnknownPrincipalIsRefused() {
    assertThatThrownBy(() -> principals.of("ru"))
        .hasMessageContaining("'ru' is not a casewatch principal");
  }

  private List<String> writersOf(final String topic) {
    return principals.all().stream()
        .filter(
            acl ->
                acl.pattern().resourceType() == ResourceType.TOPIC
                    && acl.pattern().name().equals(topic)
                    && acl.entry().operation() == AclOperation.WRITE)
        .map(acl -> acl.entry().principal())
        .toList();
  }

  private static String describe(final AclBinding acl) {
    return acl.pattern().resourceType()
        + " "
        + acl.pattern().patternType()
        + " "
        + acl.pattern().name()
        + " "
        + acl.entry().operation();
  }
}
