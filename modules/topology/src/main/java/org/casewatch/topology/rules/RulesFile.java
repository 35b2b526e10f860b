package org.casewatch.topology.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;

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

  /** One layer of the table; every parameter may be absent, meaning "as the layer below". */
  record Parameters(
      @JsonProperty("stalledComplaintDays") Integer stalledComplaintDays,
      @JsonProperty("stalledInvestigationDays") Integer stalledInvestigationDays,
      @JsonProperty("retaliationEnabled") Boolean retaliationEnabled,
      @JsonProperty("coercedWithdrawalDays") Integer coercedWithdrawalDays,
      @JsonProperty("compensationFloors") Map<String, Long> compensationFloors,
      @JsonProperty("timeZone") String timeZone,
      @JsonProperty("maxEventsPerCase") Integer maxEventsPerCase) {

    Parameters over(final Parameters below) {
      return new Parameters(
          stalledComplaintDays != null ? stalledComplaintDays : below.stalledComplaintDays,
          stalledInvestigationDays != null ? stalledInvestigationDays : below.stalledInvestigationDays,
          retaliationEnabled != null ? retaliationEnabled : below.retaliationEnabled,
          coercedWithdrawalDays != null ? coercedWithdrawalDays : below.coercedWithdrawalDays,
          compensationFloors != null ? compensationFloors : below.compensationFloors,
          timeZone != null ? timeZone : below.timeZone,
          maxEventsPerCase != null ? maxEventsPerCase : below.maxEventsPerCase);
    }

    static Parameters none() {
      return new Parameters(null, null, null, null, null, null, null);
    }
  }

  record Table(
      @JsonProperty("defaults") Parameters defaults,
      @JsonProperty("countries") Map<String, Parameters> countries) {

    Table over(final Table below) {
      final Map<String, Parameters> merged = new HashMap<>(below.countriesOrEmpty());
      countriesOrEmpty().forEach((code, params) -> merged.merge(code, params, (lower, upper) -> upper.over(lower)));
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

  /** The defaults with {@code file} laid over them. */
  public static Rules load(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the rules file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The defaults with the table read from {@code in} laid over them; {@code source} names it in errors. */
  public static Rules parse(final InputStream in, final String source) throws IOException {
    return toRules(read(in, source).over(readDefaults()), source);
  }

  /** The defaults with the YAML table {@code yaml} laid over them. */
  public static Rules parse(final String yaml) {
    try {
      return parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "(rules given as text)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table readDefaults() {
    try (InputStream in = RulesFile.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the casewatch-topology jar");
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
          "The rules file " + source + " is not a valid rule table: " + e.getOriginalMessage()
              + " (at " + e.getPathReference() + "). Valid keys: defaults, countries.<KZ|KG|TJ|TM|UZ>, "
              + "and under each: stalledComplaintDays, stalledInvestigationDays, retaliationEnabled, "
              + "coercedWithdrawalDays, compensationFloors, timeZone, maxEventsPerCase.",
          e);
    }
  }

  private static ZoneId zone(final String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timeZone '" + id + "' is not a time zone region such as Asia/Almaty", e);
    }
  }

  private static Rules toRules(final Table table, final String source) {
    final Map<Country, CountryRules> byCountry = new EnumMap<>(Country.class);
    for (final String code : table.countriesOrEmpty().keySet()) {
      if (Countries.fromCode(code).isEmpty()) {
        throw new IllegalArgumentException(
            "The rules file " + source + " names country '" + code + "'; casewatch knows KZ, KG, TJ, TM and UZ.");
      }
    }
    for (final Country country : Country.values()) {
      final Parameters own = table.countriesOrEmpty().getOrDefault(country.name(), Parameters.none());
      final Parameters p = own.over(table.defaultsOrNone());
      if (p.stalledComplaintDays() == null || p.stalledInvestigationDays() == null
          || p.retaliationEnabled() == null || p.coercedWithdrawalDays() == null || p.timeZone() == null
          || p.maxEventsPerCase() == null) {
        throw new IllegalArgumentException(
            "The rules for " + country + " from " + source + " leave a parameter unset: " + p);
      }
      try {
        byCountry.put(country, new CountryRules(
            p.stalledComplaintDays(), p.stalledInvestigationDays(), p.retaliationEnabled(),
            p.coercedWithdrawalDays(), p.compensationFloors() == null ? Map.of() : p.compensationFloors(),
            zone(p.timeZone()), p.maxEventsPerCase()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("The rules for " + country + " from " + source + ": " + e.getMessage(), e);
      }
    }
    return new Rules(byCountry);
  }
}
