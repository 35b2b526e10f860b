package org.casewatch.topology.country;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.casewatch.model.CaseState;
import org.casewatch.model.CountryStats;
import org.casewatch.model.MinorUnits;

/**
 * What one case counts for in its country's figures, or by how much a change of the case moves
 * them: every counter of {@link CountryStats} it touches, sparse (a case of ten events touches a
 * few dozen of the figures' thousands of counters), and the time of its latest event. The case
 * processor keeps each case's contribution as last published and sends the difference to the
 * figures, so a country's figures are the sum of its cases' contributions without reading every
 * case state back; the derived figures (shares, percentiles) are worked out from the sums.
 *
 * <p>A counter is a field of {@link CountryStats}: a count ({@code long}), an entry of a map of
 * counts, or an entry of a per-year map of counts. In memory a field is its position in the schema
 * compiled in; in {@link #toBytes} it is its place in the format's own list of field names, which
 * only grows at its end, so bytes written by one release read the same in a release whose schema
 * moved or added fields.
 */
public final class Contribution {

  /** Nothing counted: a case not yet published, or a change that moves no figure. */
  public static final Contribution NONE = new Contribution(new TreeMap<>(), null);

  private static final byte FORMAT = 1;

  /**
   * The counting fields of {@link CountryStats}, by name, in the order format 1 numbers them. Fixed
   * with the format: a field the figures gain goes at the end; none is ever removed or moved
   * ({@code ContributionTest} fails until every counting field is here).
   */
  static final List<String> FIELDS =
      List.of(
          "casesRegistered",
          "casesRegisteredByYear",
          "complaintsFiled",
          "investigationsOpened",
          "investigationsOpenNow",
          "closedByOutcome",
          "compensations",
          "compensationMinorByCurrency",
          "complaintsWithdrawn",
          "complaintsStalledNow",
          "casesWithReprisals",
          "openAlertsByRule",
          "complaintsWithdrawnAfterStall",
          "criminalComplaints",
          "daysToInvestigationCounts",
          "investigatedWithin10Days",
          "investigatedWithin30Days",
          "investigatedWithin90Days",
          "refusals",
          "refusalsByYear",
          "appeals",
          "appealsByYear",
          "annulments",
          "annulmentsByYear",
          "reopenings",
          "reopeningsByYear",
          "casesByRefusals",
          "casesByRefusalsByYear",
          "suspensions",
          "suspensionsByYear",
          "investigationsSuspendedNow",
          "casesByAllegation",
          "casesByAllegationByYear",
          "casesByPerpetratorAgency",
          "casesByPerpetratorAgencyByYear",
          "casesByPlaceOfDetention",
          "casesByPlaceOfDetentionByYear",
          "casesByVictimProfile",
          "casesByVictimProfileByYear",
          "deathsInCustody",
          "deathsInCustodyByYear",
          "investigations",
          "investigationsByYear",
          "independentInvestigations",
          "independentInvestigationsByYear",
          "tortureArticleInvestigations",
          "tortureArticleInvestigationsByYear",
          "examinationsByStage",
          "examinationsByStageByYear",
          "independentExaminations",
          "independentExaminationsByYear",
          "complaintsFiledByYear",
          "examinedWithin3Days",
          "examinedWithin3DaysByYear",
          "casesByUnStage",
          "casesByUnStageByYear",
          "compensationsByYear",
          "compensationMinorByYear",
          "compensationPaidMinorByCurrency",
          "compensationPaidMinorByYear");

  private static final Map<String, Integer> FIELD_NUMBERS = numbered(FIELDS);

  /**
   * Map keys written as a number (the tag before it): the keys of the format's dictionary, and
   * whole numbers (years, days, refusals) written as numbers. Any other key is written in full.
   */
  private static final int LITERAL_KEY = 0;

  private static final int NUMBER_KEY = 1;

  /**
   * The keys the figures count under that format 1 writes as their place here (plus two): names of
   * rules, outcomes, allegations, agencies, places, examination and UN stages, victim profiles, the
   * region's currencies. Fixed with the format: new keys go at the end, and none is ever removed or
   * moved.
   */
  private static final List<String> DICTIONARY =
      List.of(
          "STALLED_COMPLAINT",
          "STALLED_INVESTIGATION",
          "RETALIATION",
          "COERCED_WITHDRAWAL",
          "INADEQUATE_COMPENSATION",
          "CASE_TOO_LARGE",
          "REFUSAL_TO_INVESTIGATE",
          "DECISION_NOT_APPEALED",
          "REPEATED_REFUSALS",
          "SUSPENSION_TOO_LONG",
          "INTIMIDATION",
          "NO_INDEPENDENT_INVESTIGATION",
          "DOWNGRADED_QUALIFICATION",
          "URGENT_DEATH_IN_CUSTODY",
          "FORENSIC_EXAMINATION_MISSING",
          "UN_INTERIM_MEASURES_BREACHED",
          "UN_VIEWS_NOT_IMPLEMENTED",
          "COMPENSATION_UNPAID",
          "CHARGED",
          "CONVICTED",
          "ACQUITTED",
          "REFUSED_NO_CRIME",
          "SUSPENDED",
          "TERMINATED",
          "REQUALIFIED_LESSER_OFFENCE",
          "OTHER_OUTCOME",
          "REFUSED_TO_INITIATE",
          "SENT_TO_COURT",
          "AMNESTY",
          "STATUTE_OF_LIMITATIONS",
          "RECONCILIATION",
          "DISCIPLINARY_ONLY",
          "TORTURE",
          "ILL_TREATMENT",
          "DEATH_IN_CUSTODY",
          "THREAT_OF_TORTURE",
          "OTHER_ALLEGATION",
          "POLICE",
          "NATIONAL_SECURITY",
          "PENITENTIARY_SERVICE",
          "MILITARY",
          "PROSECUTOR",
          "BORDER_SERVICE",
          "COURT",
          "OTHER_AGENCY",
          "UNKNOWN_AGENCY",
          "POLICE_STATION",
          "TEMPORARY_DETENTION_FACILITY",
          "PRE_TRIAL_DETENTION",
          "PRISON",
          "MILITARY_UNIT",
          "PSYCHIATRIC_INSTITUTION",
          "MIGRATION_DETENTION",
          "NOT_IN_CUSTODY",
          "OTHER_PLACE",
          "REQUESTED",
          "CONDUCTED",
          "REFUSED",
          "SUBMITTED",
          "REGISTERED",
          "INTERIM_MEASURES",
          "VIEWS_ADOPTED",
          "STATE_REPLY",
          "UNDER_18",
          "FEMALE",
          "RETURNED_FROM_ABROAD",
          "3+",
          "KZT",
          "KGS",
          "TJS",
          "TMT",
          "UZS",
          "USD",
          "EUR",
          "RUB");

  private static final Map<String, Integer> DICTIONARY_TAGS = tags();

  private static final Comparator<Counter> ORDER =
      Comparator.comparingInt(Counter::field)
          .thenComparing(Counter::key, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Counter::subKey, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** A count of the figures: field position, and the map keys that lead to it, if any. */
  record Counter(int field, String key, String subKey) implements Comparable<Counter> {
    @Override
    public int compareTo(final Counter other) {
      return ORDER.compare(this, other);
    }
  }

  /** What each counting field of {@link CountryStats} holds. */
  enum Kind {
    COUNT,
    COUNTS,
    COUNTS_BY_KEY,
    DERIVED
  }

  private static final List<Kind> KINDS =
      CountryStats.getClassSchema().getFields().stream().map(f -> kindOf(f.schema())).toList();

  private final Map<Counter, Long> counters;
  private final Instant lastEventAt;

  private Contribution(final Map<Counter, Long> counters, final Instant lastEventAt) {
    this.counters = counters;
    this.lastEventAt = lastEventAt;
  }

  /** What the case counts for with this state. */
  public static Contribution of(final CaseState state) {
    final CountryStats alone = CountryFigures.counted(state);
    final Map<Counter, Long> counters = new TreeMap<>();
    for (int i = 0; i < KINDS.size(); i++) {
      final int field = i;
      final Object value = alone.get(field);
      switch (KINDS.get(field)) {
        case COUNT -> put(counters, new Counter(field, null, null), (Long) value);
        case COUNTS ->
            counts(value).forEach((k, n) -> put(counters, new Counter(field, k, null), n));
        case COUNTS_BY_KEY ->
            countsByKey(value)
                .forEach(
                    (k, inner) ->
                        inner.forEach((sub, n) -> put(counters, new Counter(field, k, sub), n)));
        case DERIVED -> {}
      }
    }
    return new Contribution(counters, state.getLastEventAt());
  }

  /**
   * How the figures move when a case that counted for {@code before} counts for this instead; its
   * latest event is this one's.
   */
  public Contribution since(final Contribution before) {
    final Map<Counter, Long> moved = new TreeMap<>();
    moved.putAll(counters);
    before.counters.forEach(
        (counter, n) ->
            put(moved, counter, MinorUnits.add(moved.getOrDefault(counter, 0L), negated(n))));
    moved.values().removeIf(n -> n == 0);
    return new Contribution(moved, lastEventAt);
  }

  /** This change and {@code later} together, as one; the latest event is the later of the two. */
  public Contribution plus(final Contribution later) {
    final Map<Counter, Long> sum = new TreeMap<>();
    sum.putAll(counters);
    later.counters.forEach((counter, n) -> sum.merge(counter, n, MinorUnits::sum));
    sum.values().removeIf(n -> n == 0);
    return new Contribution(sum, latest(lastEventAt, later.lastEventAt));
  }

  /** The latest event it has seen, if any. */
  public Instant lastEventAt() {
    return lastEventAt;
  }

  /** Each counter it moves, in order, with by how much. */
  Map<Counter, Long> counters() {
    return counters;
  }

  /** The kind of the counting field at {@code field}. */
  static Kind kind(final int field) {
    return KINDS.get(field);
  }

  /**
   * Compact bytes: the format, the latest event (epoch millis, or none), then each counter: its
   * field, the keys its kind has, and its value, as variable-length integers and UTF-8.
   */
  public byte[] toBytes() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 8 * counters.size());
    out.write(FORMAT);
    writeLong(out, lastEventAt == null ? 0 : 1);
    if (lastEventAt != null) {
      writeLong(out, lastEventAt.toEpochMilli());
    }
    writeLong(out, counters.size());
    counters.forEach(
        (counter, n) -> {
          writeLong(out, fieldNumber(counter.field()));
          if (counter.key() != null) {
            writeKey(out, counter.key());
          }
          if (counter.subKey() != null) {
            writeKey(out, counter.subKey());
          }
          writeLong(out, n);
        });
    return out.toByteArray();
  }

  /** The contribution {@link #toBytes} wrote. */
  public static Contribution fromBytes(final byte[] bytes) {
    try {
      return read(ByteBuffer.wrap(bytes));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          "a contribution to the figures ends early (" + bytes.length + " bytes)", e);
    }
  }

  private static Contribution read(final ByteBuffer in) {
    final byte format = in.get();
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "a contribution to the figures in format "
              + format
              + ", this release reads "
              + FORMAT
              + ": a newer release wrote it; run that release");
    }
    final long hasLastEvent = readLong(in);
    if (hasLastEvent != 0 && hasLastEvent != 1) {
      throw new IllegalArgumentException(
          "a contribution to the figures has a malformed latest event (" + hasLastEvent + ")");
    }
    final Instant lastEventAt = hasLastEvent == 0 ? null : Instant.ofEpochMilli(readLong(in));
    final long size = readLong(in);
    if (size < 0 || size > in.remaining()) {
      throw new IllegalArgumentException(
          "a contribution to the figures claims " + size + " counters in " + in.limit() + " bytes");
    }
    final Map<Counter, Long> counters = new TreeMap<>();
    for (long i = 0; i < size; i++) {
      final int field = fieldAt(readLong(in));
      final Kind kind = KINDS.get(field);
      final String key = kind == Kind.COUNT ? null : readKey(in);
      final String subKey = kind == Kind.COUNTS_BY_KEY ? readKey(in) : null;
      final long n = readLong(in);
      if (n == 0) {
        throw new IllegalArgumentException(
            "a contribution to the figures counts " + FIELDS.get(fieldNumber(field)) + " as 0");
      }
      if (counters.put(new Counter(field, key, subKey), n) != null) {
        throw new IllegalArgumentException(
            "a contribution to the figures counts " + FIELDS.get(fieldNumber(field)) + " twice");
      }
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          "a contribution to the figures has " + in.remaining() + " bytes after its end");
    }
    return new Contribution(counters, lastEventAt);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof Contribution that
        && counters.equals(that.counters)
        && Objects.equals(lastEventAt, that.lastEventAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(counters, lastEventAt);
  }

  @Override
  public String toString() {
    return "Contribution" + counters + (lastEventAt == null ? "" : " as of " + lastEventAt);
  }

  private static Kind kindOf(final Schema schema) {
    if (schema.getType() == Schema.Type.LONG) {
      return Kind.COUNT;
    }
    if (schema.getType() == Schema.Type.MAP) {
      final Schema values = schema.getValueType();
      if (values.getType() == Schema.Type.LONG) {
        return Kind.COUNTS;
      }
      if (values.getType() == Schema.Type.MAP
          && values.getValueType().getType() == Schema.Type.LONG) {
        return Kind.COUNTS_BY_KEY;
      }
    }
    return Kind.DERIVED;
  }

  /** The value of a {@link Kind#COUNTS} field. */
  @SuppressWarnings("unchecked")
  static Map<String, Long> counts(final Object value) {
    return (Map<String, Long>) value;
  }

  /** The value of a {@link Kind#COUNTS_BY_KEY} field. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Long>> countsByKey(final Object value) {
    return (Map<String, Map<String, Long>>) value;
  }

  private static void put(final Map<Counter, Long> counters, final Counter counter, final long n) {
    if (n == 0) {
      counters.remove(counter);
    } else {
      counters.put(counter, n);
    }
  }

  /** {@code -n}, the largest count standing for the one that has no negation. */
  private static long negated(final long n) {
    return n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
  }

  private static Instant latest(final Instant a, final Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static void writeLong(final ByteArrayOutputStream out, final long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.write((int) zigzag);
  }

  private static long readLong(final ByteBuffer in) {
    long zigzag = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      final byte b = in.get();
      zigzag |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (zigzag >>> 1) ^ -(zigzag & 1);
      }
    }
    throw new IllegalArgumentException("a contribution to the figures holds a malformed number");
  }

  private static Map<String, Integer> tags() {
    final Map<String, Integer> tags = new HashMap<>();
    for (int i = 0; i < DICTIONARY.size(); i++) {
      tags.put(DICTIONARY.get(i), NUMBER_KEY + 1 + i);
    }
    return Map.copyOf(tags);
  }

  private static Map<String, Integer> numbered(final List<String> names) {
    final Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      numbers.put(names.get(i), i);
    }
    return Map.copyOf(numbers);
  }

  /** The format's number of the field at {@code position} of the schema compiled in. */
  private static int fieldNumber(final int position) {
    final String name = CountryStats.getClassSchema().getFields().get(position).name();
    final Integer number = FIELD_NUMBERS.get(name);
    if (number == null) {
      throw new IllegalStateException(
          "the figures' field " + name + " is not in Contribution.FIELDS: add it at the end");
    }
    return number;
  }

  /** The position in the schema compiled in of the counting field the format numbers so. */
  private static int fieldAt(final long number) {
    if (number < 0 || number >= FIELDS.size()) {
      throw new IllegalArgumentException(
          "a contribution to the figures names field number "
              + number
              + ", which format "
              + FORMAT
              + " lacks: a newer release wrote it; run that release");
    }
    final Schema.Field field = CountryStats.getClassSchema().getField(FIELDS.get((int) number));
    if (field == null || KINDS.get(field.pos()) == Kind.DERIVED) {
      throw new IllegalArgumentException(
          "a contribution to the figures counts "
              + FIELDS.get((int) number)
              + ", which this release's figures do not count");
    }
    return field.pos();
  }

  private static void writeKey(final ByteArrayOutputStream out, final String key) {
    final Integer tag = DICTIONARY_TAGS.get(key);
    if (tag != null) {
      writeLong(out, tag);
    } else if (isWholeNumber(key)) {
      writeLong(out, NUMBER_KEY);
      writeLong(out, Long.parseLong(key));
    } else {
      writeLong(out, LITERAL_KEY);
      writeString(out, key);
    }
  }

  private static String readKey(final ByteBuffer in) {
    final long tag = readLong(in);
    if (tag == LITERAL_KEY) {
      return readString(in);
    }
    if (tag == NUMBER_KEY) {
      return Long.toString(readLong(in));
    }
    final long place = tag - NUMBER_KEY - 1;
    if (place < 0 || place >= DICTIONARY.size()) {
      throw new IllegalArgumentException(
          "a contribution to the figures names key " + tag + ", which format " + FORMAT + " lacks");
    }
    return DICTIONARY.get((int) place);
  }

  /**
   * A key that reads back the same from its number: no sign, no leading zero, at most 18 digits.
   */
  private static boolean isWholeNumber(final String key) {
    if (key.isEmpty() || key.length() > 18 || (key.length() > 1 && key.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static void writeString(final ByteArrayOutputStream out, final String value) {
    final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeLong(out, utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  private static String readString(final ByteBuffer in) {
    final long length = readLong(in);
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("a contribution to the figures holds a malformed key");
    }
    final byte[] utf8 = new byte[(int) length];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
