package org.casewatch.topology.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.casewatch.model.Agency;
import org.casewatch.model.Authority;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.RuleId;

/**
 * Reads the rule table from YAML: {@code defaults} for every country, and {@code countries}
 * overriding single parameters. The table shipped in the jar ({@code casewatch-rules.yaml}) holds
 * the documented defaults; a file given by the operator is laid over it, so it need only name what
 * differs.
 *
 * <pre>
 * defaults:
 *   stalledComplaintDays: 10
 * countries:
 *   TJ:
 *     compensationFloors: { TJS: 500000 }
 * </pre>
 */
public final class RulesFile {

  /** The rule table in the jar. */
  public static final String DEFAULTS_RESOURCE = "/casewatch-rules.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A dated entry as written in the table: a threshold (or floor) from a date, and its source. */
  record Dated(
      @JsonProperty("since") String since,
      @JsonProperty("threshold") Long threshold,
      @JsonProperty("source") String source) {}

  /** A torture article from a date, as written in the table. */
  record Article(
      @JsonProperty("since") String since,
      @JsonProperty("article") String article,
      @JsonProperty("source") String source) {}

  /** One layer of the table; every parameter may be absent, meaning "as the layer below". */
  record Parameters(
      @JsonProperty("stalledComplaintDays") Integer stalledComplaintDays,
      @JsonProperty("stalledInvestigationDays") Integer stalledInvestigationDays,
      @JsonProperty("retaliationEnabled") Boolean retaliationEnabled,
      @JsonProperty("coercedWithdrawalDays") Integer coercedWithdrawalDays,
      @JsonProperty("compensationFloors") Map<String, JsonNode> compensationFloors,
      @JsonProperty("timeZone") String timeZone,
      @JsonProperty("maxEventsPerCase") Integer maxEventsPerCase,
      @JsonProperty("thresholds") Map<String, List<Dated>> thresholds,
      @JsonProperty("tortureArticles") List<Article> tortureArticles,
      @JsonProperty("sameStructure") Map<String, List<String>> sameStructure,
      @JsonProperty("sameStructureSource") String sameStructureSource,
      @JsonProperty("independentAuthorities") List<String> independentAuthorities) {

    Parameters over(final Parameters below) {
      return new Parameters(
          stalledComplaintDays != null ? stalledComplaintDays : below.stalledComplaintDays,
          stalledInvestigationDays != null
              ? stalledInvestigationDays
              : below.stalledInvestigationDays,
          retaliationEnabled != null ? retaliationEnabled : below.retaliationEnabled,
          coercedWithdrawalDays != null ? coercedWithdrawalDays : below.coercedWithdrawalDays,
          entryByEntry(compensationFloors, below.compensationFloors),
          timeZone != null ? timeZone : below.timeZone,
          maxEventsPerCase != null ? maxEventsPerCase : below.maxEventsPerCase,
          entryByEntry(thresholds, below.thresholds),
          tortureArticles != null ? tortureArticles : below.tortureArticles,
          entryByEntry(sameStructure, below.sameStructure),
          sameStructureSource != null ? sameStructureSource : below.sameStructureSource,
          independentAuthorities != null ? independentAuthorities : below.independentAuthorities);
    }

    static Parameters none() {
      return new Parameters(null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * A map laid over another key by key: a currency's floors, a rule's thresholds, an authority's
   * structure.
   */
  private static <V> Map<String, V> entryByEntry(
      final Map<String, V> upper, final Map<String, V> lower) {
    if (upper == null || lower == null) {
      return upper != null ? upper : lower;
    }
    final Map<String, V> merged = new HashMap<>(lower);
    merged.putAll(upper);
    return merged;
  }

  record Table(
      @JsonProperty("defaults") Parameters defaults,
      @JsonProperty("countries") Map<String, Parameters> countries) {

    Table over(final Table below) {
      final Map<String, Parameters> merged = new HashMap<>(below.countriesOrEmpty());
      countriesOrEmpty()
          .forEach(
              (code, params) -> merged.merge(code, params, (lower, upper) -> upper.over(lower)));
      return new Table(defaultsOrNone().over(below.defaultsOrNone()), merged);
    }

    Parameters defaultsOrNone() {
      return defaults == null ? Parameters.none() : defaults;
    }

    Map<String, Parameters> countriesOrEmpty() {
      return countries == null ? Map.of() : countries;
    }
  }

  private RulesFile() {}

  /** The documented defaults shipped in the jar. */
  public static Rules defaults() {
    return toRules(readDefaults(), DEFAULTS_RESOURCE);
  }

  /**
   * The defaults with the table read from {@code in} laid over them; {@code source} names it in
   * errors.
   */
  public static Rules parse(final InputStream in, final String source) throws IOException {
    return toRules(read(in, source).over(readDefaults()), source);
  }

  /** The defaults with the YAML table {@code yaml} laid over them. */
  public static Rules parse(final String yaml) {
    try {
      return parse(
          new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "(rules given as text)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table readDefaults() {
    try (InputStream in = RulesFile.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            DEFAULTS_RESOURCE + " is missing from the casewatch-topology jar");
      }
      return read(in, DEFAULTS_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table read(final InputStream in, final String source) throws IOException {
    try {
      final Table table = YAML.readValue(in, Table.class);
      return table == null ? new Table(null, null) : table;
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "The rules file "
              + source
              + " is not a valid rule table: "
              + e.getOriginalMessage()
              + " (at "
              + e.getPathReference()
              + "). Valid keys: defaults, countries.<KZ|KG|TJ|TM|UZ>, and under each:"
              + " stalledComplaintDays, stalledInvestigationDays, retaliationEnabled,"
              + " coercedWithdrawalDays, compensationFloors, timeZone, maxEventsPerCase,"
              + " thresholds, tortureArticles, sameStructure, sameStructureSource,"
              + " independentAuthorities.",
          e);
    }
  }

  private static ZoneId zone(final String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "timeZone '" + id + "' is not a time zone region such as Asia/Almaty", e);
    }
  }

  private static Rules toRules(final Table table, final String source) {
    final Map<Country, CountryRules> byCountry = new EnumMap<>(Country.class);
    for (final String code : table.countriesOrEmpty().keySet()) {
      if (Countries.fromCode(code).isEmpty()) {
        throw new IllegalArgumentException(
            "The rules file "
                + source
                + " names country '"
                + code
                + "'; casewatch knows KZ, KG, TJ, TM and UZ.");
      }
    }
    for (final Country country : Country.values()) {
      final Parameters own =
          table.countriesOrEmpty().getOrDefault(country.name(), Parameters.none());
      final Parameters p = own.over(table.defaultsOrNone());
      if (p.stalledComplaintDays() == null
          || p.stalledInvestigationDays() == null
          || p.retaliationEnabled() == null
          || p.coercedWithdrawalDays() == null
          || p.timeZone() == null
          || p.maxEventsPerCase() == null) {
        throw new IllegalArgumentException(
            "The rules for " + country + " from " + source + " leave a parameter unset: " + p);
      }
      try {
        byCountry.put(
            country,
            new CountryRules(
                p.stalledComplaintDays(),
                p.stalledInvestigationDays(),
                p.retaliationEnabled(),
                p.coercedWithdrawalDays(),
                floors(p.compensationFloors()),
                zone(p.timeZone()),
                p.maxEventsPerCase(),
                thresholds(p.thresholds()),
                articles(p.tortureArticles()),
                structures(p.sameStructure()),
                p.sameStructureSource(),
                independents(p.independentAuthorities())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The rules for " + country + " from " + source + ": " + e.getMessage(), e);
      }
    }
    return new Rules(byCountry);
  }

  /** Floors per currency: a number (in force always, the v1 form) or a list of dated entries. */
  private static Map<String, List<DatedThreshold>> floors(final Map<String, JsonNode> written) {
    final Map<String, List<DatedThreshold>> floors = new TreeMap<>();
    if (written == null) {
      return floors;
    }
    written.forEach(
        (currency, node) -> {
          if (node.isNumber()) {
            floors.put(
                currency,
                List.of(
                    new DatedThreshold(LocalDate.MIN, node.asLong(), "the operator's rule table")));
          } else if (node.isArray()) {
            final List<DatedThreshold> entries = new ArrayList<>();
            node.forEach(
                entry ->
                    entries.add(
                        dated(
                            YAML.convertValue(entry, Dated.class),
                            "compensationFloors." + currency)));
            floors.put(currency, distinctDates(entries, "compensationFloors." + currency));
          } else {
            throw new IllegalArgumentException(
                "compensationFloors."
                    + currency
                    + " must be an amount in minor units or a list of {since, threshold, source}");
          }
        });
    return floors;
  }

  private static Map<RuleId, List<DatedThreshold>> thresholds(
      final Map<String, List<Dated>> written) {
    final Map<RuleId, List<DatedThreshold>> thresholds = new EnumMap<>(RuleId.class);
    if (written == null) {
      return thresholds;
    }
    written.forEach(
        (rule, entries) -> {
          final RuleId id =
              Arrays.stream(RuleId.values())
                  .filter(r -> r.name().equals(rule))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "thresholds names rule '"
                                  + rule
                                  + "'; rules are "
                                  + Arrays.toString(RuleId.values())));
          final List<DatedThreshold> dated =
              entries.stream().map(entry -> dated(entry, "thresholds." + rule)).toList();
          dated.forEach(
              entry -> {
                if (entry.threshold() > MAX_THRESHOLD) {
                  throw new IllegalArgumentException(
                      "thresholds."
                          + rule
                          + " since "
                          + entry.since()
                          + " is "
                          + entry.threshold()
                          + "; a rule's threshold is at most "
                          + MAX_THRESHOLD
                          + " (days, or refusals)");
                }
              });
          thresholds.put(id, distinctDates(dated, "thresholds." + rule));
        });
    return thresholds;
  }

  /** A rule's threshold is days (or a count): a hundred years at most. */
  static final long MAX_THRESHOLD = 36_500;

  private static List<DatedThreshold> distinctDates(
      final List<DatedThreshold> entries, final String where) {
    if (entries.stream().map(DatedThreshold::since).distinct().count() < entries.size()) {
      throw new IllegalArgumentException(
          where + " has two entries with the same 'since'; give each date once");
    }
    return entries;
  }

  private static DatedThreshold dated(final Dated entry, final String where) {
    if (entry.threshold() == null) {
      throw new IllegalArgumentException(where + " has an entry without 'threshold'");
    }
    return new DatedThreshold(date(entry.since(), where), entry.threshold(), entry.source());
  }

  private static List<TortureArticle> articles(final List<Article> written) {
    if (written == null) {
      return List.of();
    }
    return written.stream()
        .map(
            entry ->
                new TortureArticle(
                    date(entry.since(), "tortureArticles"), entry.article(), entry.source()))
        .toList();
  }

  private static Map<Authority, Set<Agency>> structures(final Map<String, List<String>> written) {
    final Map<Authority, Set<Agency>> structures = new EnumMap<>(Authority.class);
    if (written == null) {
      return structures;
    }
    written.forEach(
        (authority, agencies) -> {
          final Set<Agency> own = EnumSet.noneOf(Agency.class);
          agencies.forEach(
              agency -> own.add(symbol(Agency.class, agency, "sameStructure." + authority)));
          structures.put(symbol(Authority.class, authority, "sameStructure"), own);
        });
    return structures;
  }

  private static Set<Authority> independents(final List<String> written) {
    final Set<Authority> independent = EnumSet.noneOf(Authority.class);
    if (written != null) {
      written.forEach(
          authority ->
              independent.add(symbol(Authority.class, authority, "independentAuthorities")));
    }
    return independent;
  }

  private static <E extends Enum<E>> E symbol(
      final Class<E> type, final String name, final String where) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where
                        + " names '"
                        + name
                        + "', which is not one of "
                        + Arrays.toString(type.getEnumConstants())));
  }

  private static LocalDate date(final String written, final String where) {
    if (written == null) {
      throw new IllegalArgumentException(
          where + " has an entry without 'since' (a date such as 2015-01-01)");
    }
    try {
      return LocalDate.parse(written);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          where + ": 'since' " + written + " is not a date such as 2015-01-01", e);
    }
  }
}
