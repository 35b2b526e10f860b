package org.casewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written id checks accept exactly what the contract's regular expressions match. */
class IdShapesTest {

  /** Characters on both sides of every class the shapes use, and look-alikes outside ASCII. */
  private static final String ALPHABET = "azAZ09KGTJMU-._:/ \t@é٣０Ⅸ\u0000";

  @Test
  void acceptsExactlyWhatTheExpressionsMatch() {
    final Random random = new Random(20261203L);
    for (int i = 0; i < 300_000; i++) {
      final String candidate = i % 2 == 0 ? anything(random) : caseIdLike(random);
      agree(candidate);
    }
  }

  @Test
  void agreesOnTheEdges() {
    for (final String candidate :
        new String[] {
          "",
          "KZ-2016-1",
          "KZ-2016-123456",
          "KZ-2016-1234567",
          "KZ-2016-",
          "KZ-201-1",
          "KZ-20166-1",
          "kz-2016-1",
          "KX-2016-1",
          "UZ-0000-000000",
          "TM-2016-٣",
          "a".repeat(64),
          "a".repeat(65),
          "a".repeat(128),
          "a".repeat(129),
          "a:b",
          "KZT",
          "KZ",
          "KZTT",
          "kzt"
        }) {
      agree(candidate);
    }
  }

  private static void agree(final String candidate) {
    assertThat(IdShapes.isEventId(candidate))
        .as("eventId %s", candidate)
        .isEqualTo(matches(CaseEventValidator.EVENT_ID, candidate));
    assertThat(IdShapes.isCoalition(candidate))
        .as("coalition %s", candidate)
        .isEqualTo(matches(CaseEventValidator.COALITION, candidate));
    assertThat(IdShapes.isCaseId(candidate))
        .as("caseId %s", candidate)
        .isEqualTo(matches(Countries.CASE_ID, candidate));
    assertThat(IdShapes.isCurrencyCode(candidate))
        .as("currency %s", candidate)
        .isEqualTo(candidate.matches("[A-Z]{3}"));
  }

  private static boolean matches(final Pattern pattern, final String candidate) {
    return pattern.matcher(candidate).matches();
  }

  private static String anything(final Random random) {
    final int length = random.nextInt(4) == 0 ? 60 + random.nextInt(75) : random.nextInt(16);
    final StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** Mostly well-formed caseIds, one character or length off now and then. */
  private static String caseIdLike(final Random random) {
    final String[] countries = {"KZ", "KG", "TJ", "TM", "UZ", "KX", "kz"};
    final StringBuilder id = new StringBuilder(countries[random.nextInt(countries.length)]);
    id.append('-');
    final int yearDigits = 3 + random.nextInt(3);
    for (int i = 0; i < yearDigits; i++) {
      id.append((char) ('0' + random.nextInt(10)));
    }
    id.append('-');
    final int numberDigits = random.nextInt(8);
    for (int i = 0; i < numberDigits; i++) {
      id.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextInt(5) == 0) {
      id.setCharAt(random.nextInt(id.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
