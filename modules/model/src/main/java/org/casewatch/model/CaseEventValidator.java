package org.casewatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks an event must pass before it may change any state, shared by everything that accepts
 * events (gateway, publisher, topology) so they refuse the same things for the same reasons. Each
 * violation names the field and the rule broken.
 */
public final class CaseEventValidator {

  /**
   * How far ahead of "now" an occurredAt may be: clocks drift. Times must carry their UTC offset
   * (2016-03-02T15:00:00+05:00); a local time labelled as UTC lands hours in the future and is
   * refused.
   */
  public static final Duration FUTURE_SKEW = Duration.ofHours(1);

  /**
   * The rule broken by an event dated after its arrival: such an event is dead-lettered as
   * future-dated.
   */
  public static final String NOT_IN_FUTURE = "not-in-future";

  /**
   * The longest eventId, and so the longest reference to one (retractedEventId, decisionEventId).
   */
  public static final int MAX_EVENT_ID_LENGTH = 128;

  /**
   * What an eventId (and a reference to one) is made of: letters, digits, {@code . _ : -}. No
   * spaces, slashes, control or look-alike characters, so an id is safe in logs, CSV and URLs.
   */
  public static final Pattern EVENT_ID =
      Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_EVENT_ID_LENGTH + "}");

  /**
   * A criminal code article as InvestigationOpened.legalArticle carries it: {@code CC-146}, {@code
   * CC-143-1} (an article numbered with a dash), {@code CC-146.2} (its part 2); the prefix in
   * either case. Nothing else, so no name or place can be written in as an "article".
   */
  public static final Pattern LEGAL_ARTICLE =
      Pattern.compile("(?:CC|cc)-[0-9]{1,4}(?:-[0-9]{1,3})?(?:\\.[0-9]{1,3})?");

  /**
   * What a coalition's id is made of, as the access file names it ({@code kz-coalition}): letters,
   * digits, {@code . _ -}, at most 64. An event written past the gateway names its coalition
   * itself, and no name, phone number or formula may hide there.
   */
  public static final Pattern COALITION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The earliest caseId year accepted, like {@link #EARLIEST} for event times. */
  public static final int EARLIEST_CASE_YEAR = 1970;

  /** The earliest event time accepted: nothing casewatch tracks happened before 1970. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /**
   * The longest term extension accepted, in days: ten years. Codes of criminal procedure extend
   * terms by months, so a larger number is a typing error (minutes or a date entered as days).
   */
  public static final int MAX_TERM_EXTENSION_DAYS = 3650;

  /**
   * The largest amount of money accepted, in minor units: 10^15 (ten trillion tenge, som or
   * somoni).
   */
  public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;

  /**
   * One broken rule.
   *
   * @param field the field, as in the Avro schema (payload fields as {@code payload.amountMinor})
   * @param rule a short name of the rule, e.g. {@code pattern}, {@code not-negative}
   * @param message what is wrong and what is expected
   */
  public record Violation(String field, String rule, String message) {}

  private static final String EVENT_ID_CHARACTERS =
      "must be 1 to "
          + MAX_EVENT_ID_LENGTH
          + " of A-Z a-z 0-9 . _ : - (no spaces, slashes or control characters)";

  private CaseEventValidator() {}

  /**
   * What is wrong with {@code event} from the coalition of {@code country}, judged at {@code now}:
   * the event's arrival at casewatch (the wall clock where it arrives, the record's timestamp where
   * it is replayed, so a replay judges the same way whenever it runs).
   */
  public static List<Violation> violations(
      final CaseEvent event, final Country country, final Instant now) {
    final List<Violation> violations = new ArrayList<>();
    if (isBlank(event.getEventId())) {
      violations.add(
          new Violation("eventId", "required", "every event needs a unique idempotency key"));
    } else if (event.getEventId().length() > MAX_EVENT_ID_LENGTH) {
      violations.add(
          new Violation(
              "eventId",
              "max-length",
              "eventId is longer than " + MAX_EVENT_ID_LENGTH + " characters"));
    } else if (!IdShapes.isEventId(event.getEventId())) {
      violations.add(new Violation("eventId", "pattern", "eventId " + EVENT_ID_CHARACTERS));
    }
    final String caseId = event.getCaseId();
    if (isBlank(caseId)) {
      violations.add(
          new Violation("caseId", "required", "every event needs the pseudonymous caseId"));
    } else if (!IdShapes.isCaseId(caseId)) {
      violations.add(
          new Violation(
              "caseId",
              "pattern",
              "caseId '"
                  + abbreviate(caseId)
                  + "' must look like KZ-2016-0042 (country, year, number)"));
    } else if (!Countries.isCaseIdOf(event.getCountry(), caseId)) {
      violations.add(
          new Violation(
              "caseId",
              "country-prefix",
              "caseId "
                  + caseId
                  + " does not start with the event's country "
                  + event.getCountry()));
    } else {
      yearViolation(caseId, country, now, violations);
    }
    if (event.getCountry() != country) {
      violations.add(
          new Violation(
              "country",
              "own-country",
              "the event names country " + event.getCountry() + " but belongs to " + country));
    }
    if (isBlank(event.getCoalition())) {
      violations.add(new Violation("coalition", "required", "every event names its coalition"));
    } else if (!IdShapes.isCoalition(event.getCoalition())) {
      violations.add(
          new Violation(
              "coalition",
              "pattern",
              "coalition '"
                  + abbreviate(event.getCoalition())
                  + "' is not a coalition id: letters, digits, '.', '_' and '-', at most 64 (as in"
                  + " the access file)"));
    }
    if (event.getOccurredAt() != null && event.getOccurredAt().isBefore(EARLIEST)) {
      violations.add(
          new Violation(
              "occurredAt",
              "not-before-1970",
              "occurredAt "
                  + event.getOccurredAt()
                  + " is before 1970; give the date the event happened"));
    }
    if (event.getOccurredAt() != null && event.getOccurredAt().isAfter(now.plus(FUTURE_SKEW))) {
      violations.add(
          new Violation(
              "occurredAt",
              NOT_IN_FUTURE,
              "occurredAt "
                  + event.getOccurredAt()
                  + " is later than its arrival at "
                  + now
                  + " (more than "
                  + FUTURE_SKEW.toMinutes()
                  + " minutes ahead); give times with their UTC offset, e.g."
                  + " 2016-03-02T15:00:00+05:00"));
    }
    // Judged against a plausible occurredAt only: a future-dated event is refused for that alone.
    final boolean occurredPlausibly =
        event.getOccurredAt() != null
            && !event.getOccurredAt().isBefore(EARLIEST)
            && !event.getOccurredAt().isAfter(now.plus(FUTURE_SKEW));
    if (occurredPlausibly
        && event.getRecordedAt() != null
        && event.getRecordedAt().isBefore(event.getOccurredAt())) {
      violations.add(
          new Violation(
              "recordedAt",
              "not-before-occurred",
              "recordedAt "
                  + event.getRecordedAt()
                  + " is before occurredAt "
                  + event.getOccurredAt()
                  + "; an event is recorded when or after it happened"));
    }
    if (event.getRecordedAt() != null && event.getRecordedAt().isAfter(now.plus(FUTURE_SKEW))) {
      violations.add(
          new Violation(
              "recordedAt",
              NOT_IN_FUTURE,
              "recordedAt "
                  + event.getRecordedAt()
                  + " is later than its arrival at "
                  + now
                  + " (more than "
                  + FUTURE_SKEW.toMinutes()
                  + " minutes ahead); an event cannot be recorded after it reached casewatch"));
    }
    payloadViolations(event, violations);
    return violations;
  }

  private static void payloadViolations(final CaseEvent event, final List<Violation> violations) {
    final Object payload = event.getPayload();
    if (payload instanceof EventRetracted retraction) {
      eventReference(
          "payload.retractedEventId",
          retraction.getRetractedEventId(),
          event.getEventId(),
          "a retraction names the eventId of the event of this case it takes back",
          "a retraction cannot take back itself",
          violations);
    }
    if (payload instanceof DecisionAppealed appeal) {
      eventReference(
          "payload.decisionEventId",
          appeal.getDecisionEventId(),
          event.getEventId(),
          "an appeal names the eventId of the decision it appeals: an InvestigationClosed or"
              + " InvestigationSuspended of this case",
          "an appeal cannot appeal itself; name the eventId of the decision",
          violations);
    }
    if (payload instanceof DecisionAnnulled annulment) {
      eventReference(
          "payload.decisionEventId",
          annulment.getDecisionEventId(),
          event.getEventId(),
          "an annulment names the eventId of the decision annulled: an InvestigationClosed or"
              + " InvestigationSuspended of this case",
          "an annulment cannot annul itself; name the eventId of the decision",
          violations);
    }
    if (payload instanceof CompensationAwarded award) {
      money(award.getAmountMinor(), award.getCurrency(), violations);
    }
    if (payload instanceof CompensationPaid paid) {
      money(paid.getAmountMinor(), paid.getCurrency(), violations);
    }
    if (payload instanceof TermExtended extension
        && (extension.getDays() < 1 || extension.getDays() > MAX_TERM_EXTENSION_DAYS)) {
      violations.add(
          new Violation(
              "payload.days",
              "range",
              "days "
                  + extension.getDays()
                  + " is out of range: a term is extended by 1 to "
                  + MAX_TERM_EXTENSION_DAYS
                  + " days"));
    }
    if (payload instanceof InvestigationOpened opened
        && (opened.getLegalArticle() == null
            || !LEGAL_ARTICLE.matcher(opened.getLegalArticle()).matches())) {
      violations.add(
          new Violation(
              "payload.legalArticle",
              "code",
              "legalArticle must be a criminal code article such as CC-146, CC-143-1 or CC-146.2 "
                  + "(pattern CC-<article>[-<n>][.<part>]), never a name or free text"));
    }
  }

  /**
   * A payload field naming another event of the case by its eventId: present, not the event itself,
   * and of an eventId's length.
   */
  private static void eventReference(
      final String field,
      final String reference,
      final String ownEventId,
      final String required,
      final String notItself,
      final List<Violation> violations) {
    if (isBlank(reference)) {
      violations.add(new Violation(field, "required", required));
    } else if (reference.equals(ownEventId)) {
      violations.add(new Violation(field, "not-itself", notItself));
    } else if (reference.length() > MAX_EVENT_ID_LENGTH) {
      violations.add(
          new Violation(
              field,
              "max-length",
              field.substring(field.indexOf('.') + 1)
                  + " is longer than "
                  + MAX_EVENT_ID_LENGTH
                  + " characters; no eventId is"));
    } else if (!IdShapes.isEventId(reference)) {
      violations.add(
          new Violation(
              field,
              "pattern",
              field.substring(field.indexOf('.') + 1)
                  + " names an eventId, which is 1 to "
                  + MAX_EVENT_ID_LENGTH
                  + " of A-Z a-z 0-9 . _ : -"));
    }
  }

  /** An amount of money, as compensation awarded or paid carries it. */
  private static void money(
      final long amountMinor, final String currency, final List<Violation> violations) {
    if (amountMinor < 0) {
      violations.add(
          new Violation(
              "payload.amountMinor",
              "not-negative",
              "amountMinor " + amountMinor + " is negative"));
    } else if (amountMinor > MAX_AMOUNT_MINOR) {
      violations.add(
          new Violation(
              "payload.amountMinor",
              "max",
              "amountMinor "
                  + amountMinor
                  + " is larger than the most accepted, "
                  + MAX_AMOUNT_MINOR
                  + " minor units; check the amount is in minor units (tiyn, tyiyn, diram)"));
    }
    if (currency == null || !IdShapes.isCurrencyCode(currency)) {
      violations.add(
          new Violation(
              "payload.currency",
              "iso-4217",
              "currency '" + currency + "' is not an ISO 4217 code such as KZT"));
    }
  }

  /**
   * A caseId's year is the year its case was registered: not later than the year (local) it reaches
   * casewatch.
   */
  private static void yearViolation(
      final String caseId,
      final Country country,
      final Instant now,
      final List<Violation> violations) {
    if (!IdShapes.isCaseId(caseId)) {
      return;
    }
    // The caseId's shape puts its four-digit year after the country and a dash.
    final int year = Integer.parseInt(caseId, 3, 7, 10);
    final int arrivalYear = now.atZone(Countries.zoneOf(country)).getYear();
    if (year < EARLIEST_CASE_YEAR) {
      violations.add(
          new Violation(
              "caseId",
              "year",
              "caseId "
                  + caseId
                  + " is of year "
                  + year
                  + ", before "
                  + EARLIEST_CASE_YEAR
                  + "; give the year it was registered"));
    } else if (year > arrivalYear) {
      violations.add(
          new Violation(
              "caseId",
              "year",
              "caseId "
                  + caseId
                  + " is of year "
                  + year
                  + ", after the year of its arrival ("
                  + arrivalYear
                  + "); give the year it was registered"));
    }
  }

  private static String abbreviate(final String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static boolean isBlank(final String text) {
    return text == null || text.isBlank();
  }
}
