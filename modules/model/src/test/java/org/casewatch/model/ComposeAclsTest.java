package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml grants each principal exactly the ACLs of {@link KafkaPrincipals#DEFAULT},
 * with one {@code acl PRINCIPAL PATTERN TYPE "OPERATIONS" NAMES...} line per principal, resource
 * kind and set of operations: the compose file cannot drift from the ACLs the tests prove.
 */
class ComposeAclsTest {

  private static final Path COMPOSE =
      Path.of(System.getProperty("user.dir")).resolve("../../docker-compose.yml").normalize();
  private static final Pattern ACL_LINE =
      Pattern.compile("^\\s*acl (\\S+ \\S+ \\S+ \"[^\"]+\" .+)$", Pattern.MULTILINE);

  @Test
  void composeGrantsEveryPrincipalItsAclsAndNothingElse() throws IOException {
    final List<String> granted = new ArrayList<>();
    final Matcher matcher = ACL_LINE.matcher(Files.readString(COMPOSE));
    while (matcher.find()) {
      granted.add(matcher.group(1).trim());
    }
    assertThat(granted)
        .as("the acl lines of %s", COMPOSE)
        .containsExactlyInAnyOrderElementsOf(expectedLines());
  }

  /**
   * The ACLs grouped as the compose file's lines: principal, pattern, resource type, operations,
   * names.
   */
  static List<String> expectedLines() {
    final Map<String, List<String>> namesByGrant = new LinkedHashMap<>();
    final Map<String, List<String>> operationsByResource = new LinkedHashMap<>();
    for (final AclBinding acl : KafkaPrincipals.DEFAULT.all()) {
      final String resource =
          acl.entry().principal().substring("User:".length())
              + " "
              + acl.pattern().patternType().name().toLowerCase(Locale.ROOT)
              + " "
              + kind(acl)
              + " "
              + acl.pattern().name();
      operationsByResource
          .computeIfAbsent(resource, key -> new ArrayList<>())
          .add(name(acl.entry().operation()));
    }
    operationsByResource.forEach(
        (resource, operations) -> {
          final int lastSpace = resource.lastIndexOf(' ');
          final String grant =
              resource.substring(0, lastSpace) + " \"" + String.join(" ", operations) + "\"";
          namesByGrant
              .computeIfAbsent(grant, key -> new ArrayList<>())
              .add(resource.substring(lastSpace + 1));
        });
    final List<String> lines = new ArrayList<>();
    namesByGrant.forEach((grant, names) -> lines.add(grant + " " + String.join(" ", names)));
    return lines;
  }

  private static String kind(final AclBinding acl) {
    return acl.pattern().resourceType().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** kafka-acls.sh's spelling: {@code IDEMPOTENT_WRITE} is {@code IdempotentWrite}. */
  private static String name(final AclOperation operation) {
    final StringBuilder name = new StringBuilder();
    for (final String word : operation.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }
}
