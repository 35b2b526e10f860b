package org.casewatch.topology.country;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.ForensicStage;
import org.casewatch.model.MinorUnits;
import org.casewatch.model.RuleId;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;

/**
 * A country's figures as the sum of its cases' contributions. {@link #add} counts a case's state
 * and {@link #subtract} takes it out again; the topology sends each case's change ({@link
 * Contribution}) and {@link #plus} adds it, so a case that moves on moves between counts and is
 * never counted twice; a replay sums the latest states once ({@link #of}). Days from complaint to
 * investigation are kept as a sparse count per day, uncapped, so percentiles are exact and a
 * subtraction undoes an addition. Figures "by year" count a case under the local year of its
 * registration, the cohort the coalitions' statements count: a refusal in 2017 of a case registered
 * in 2016 counts for 2016.
 */
public final class CountryFigures {

  /** The shares reported: complaints investigated within this many local days. */
  static final int[] WITHIN_DAYS = {10, 30, 90};

  /** Examinations counted as in time: within this many local days of the first complaint. */
  static final int EXAMINATION_DAYS = 3;

  /** The casesByVictimProfile key of victims returned or extradited from abroad. */
  static final String RETURNED_FROM_ABROAD = "RETURNED_FROM_ABROAD";

  private CountryFigures() {}

  /**
   * The figures before any case. Kafka's initializer does not know the key; the country is set by
   * the first {@link #add} or {@link #plus}.
   */
  public static CountryStats empty() {
    return sharing(NOTHING);
  }

  /**
   * The figures before any case, built once: Avro's builder works out and copies every field's
   * default: 7% of the live path's stream thread when each case change counted from it. Its maps
   * and lists cannot be changed, so figures that share them copy a map before counting in it.
   */
  private static final CountryStats NOTHING = nothing();

  private static CountryStats nothing() {
    final CountryStats nothing = CountryStats.newBuilder().setCountry(Country.KZ).build();
    for (final Schema.Field field : CountryStats.getClassSchema().getFields()) {
      if (nothing.get(field.pos()) instanceof Map<?, ?>) {
        nothing.put(field.pos(), Map.of());
      } else if (nothing.get(field.pos()) instanceof List<?>) {
        nothing.put(field.pos(), List.of());
      }
    }
    return nothing;
  }

  public static CountryStats add(final CaseState caseState, final CountryStats stats) {
    final CountryStats updated = apply(caseState, stats, 1);
    stamp(caseState, updated);
    return updated;
  }

  /** The case's country, and its last event when it is the latest the figures have seen. */
  private static void stamp(final CaseState caseState, final CountryStats stats) {
    stamp(caseState.getCountry(), caseState.getLastEventAt(), stats);
  }

  private static void stamp(
      final Country country, final Instant lastEvent, final CountryStats stats) {
    stats.setCountry(country);
    if (lastEvent != null
        && (stats.getUpdatedAt() == null || lastEvent.isAfter(stats.getUpdatedAt()))) {
      stats.setUpdatedAt(lastEvent);
    }
  }

  /**
   * Every country's figures from its cases' latest states, summed once: what the topology's
   * aggregate holds once each case's earlier contributions were taken out. In country order.
   */
  public static Map<Country, CountryStats> of(final Collection<CaseState> caseStates) {
    // Counted in place: one set of figures per country, not a copy per case (the same sums).
    final Map<Country, CountryStats> figures = new EnumMap<>(Country.class);
    for (final CaseState caseState : caseStates) {
      final CountryStats stats = figures.computeIfAbsent(caseState.getCountry(), k -> empty());
      apply(caseState, stats, 1, true);
      stamp(caseState, stats);
    }
    // Safe to hand out: only a fold in place counts in a map, and this one is over.
    figures.values().forEach(CountryFigures::derive);
    return figures;
  }

  public static CountryStats subtract(final CaseState caseState, final CountryStats stats) {
    return apply(caseState, stats, -1);
  }

  /** What the case alone counts for: its figures were it its country's only case. */
  static CountryStats counted(final CaseState caseState) {
    final CountryStats alone = empty();
    apply(caseState, alone, 1, true);
    return alone;
  }

  /**
   * The figures of {@code country} moved by {@code change}: what {@link #add} and {@link #subtract}
   * of the case's new and old states give, from the difference of what the two count for. Neither
   * record's maps change.
   */
  public static CountryStats plus(
      final CountryStats stats, final Contribution change, final Country country) {
    final CountryStats s = sharing(stats);
    change
        .counters()
        .forEach(
            (counter, n) -> {
              final int field = counter.field();
              switch (Contribution.kind(field)) {
                case COUNT -> s.put(field, (Long) s.get(field) + n);
                case COUNTS ->
                    s.put(field, count(false, Contribution.counts(s.get(field)), counter.key(), n));
                case COUNTS_BY_KEY ->
                    s.put(
                        field,
                        count(
                            false,
                            Contribution.countsByKey(s.get(field)),
                            counter.key(),
                            counter.subKey(),
                            n));
                case DERIVED ->
                    throw new IllegalArgumentException("field " + field + " is not a count");
              }
            });
    stamp(country, change.lastEventAt(), s);
    derive(s);
    return s;
  }

  private static CountryStats apply(final CaseState c, final CountryStats old, final int sign) {
    final CountryStats s = sharing(old);
    apply(c, s, sign, false);
    derive(s);
    return s;
  }

  /**
   * New figures holding {@code old}'s values, its maps shared rather than copied: a fold that is
   * not in place copies a map before it counts in it, so neither record's maps ever change. (A deep
   * copy here copied every map of the figures on every case update, and the maps counted in were
   * copied once more.)
   */
  private static CountryStats sharing(final CountryStats old) {
    final CountryStats s = new CountryStats();
    final int fields = CountryStats.getClassSchema().getFields().size();
    for (int field = 0; field < fields; field++) {
      s.put(field, old.get(field));
    }
    return s;
  }

  /**
   * Moves {@code s} by the case's contribution, {@code sign} times. In place, the maps {@code s}
   * holds that this fold made are counted in rather than copied, and the percentiles and shares are
   * left for the caller to work out once.
   */
  private static void apply(
      final CaseState c, final CountryStats s, final int sign, final boolean inPlace) {
    final String year = registrationYear(c);
    if (year != null) {
      s.setCasesRegistered(s.getCasesRegistered() + sign);
      s.setCasesRegisteredByYear(count(inPlace, s.getCasesRegisteredByYear(), year, sign));
    }
    s.setComplaintsFiled(s.getComplaintsFiled() + sign * flag(c.getComplaintFiledAt() != null));
    s.setInvestigationsOpened(
        s.getInvestigationsOpened() + sign * flag(c.getInvestigationOpenedAt() != null));
    s.setInvestigationsOpenNow(
        s.getInvestigationsOpenNow() + sign * flag(c.getInvestigationOpenNow()));
    if (c.getOutcome() != null) {
      s.setClosedByOutcome(count(inPlace, s.getClosedByOutcome(), c.getOutcome().name(), sign));
    }
    s.setCompensations(s.getCompensations() + sign * flag(c.getCompensatedAt() != null));
    s.setCompensationMinorByCurrency(
        countAll(
            inPlace, s.getCompensationMinorByCurrency(), c.getCompensationMinorByCurrency(), sign));
    s.setComplaintsWithdrawn(s.getComplaintsWithdrawn() + sign * flag(c.getWithdrawnAt() != null));
    s.setComplaintsWithdrawnAfterStall(
        s.getComplaintsWithdrawnAfterStall() + sign * flag(c.getWithdrawnAfterStall()));
    s.setCasesWithReprisals(
        s.getCasesWithReprisals()
            + sign * flag(c.getReprisalCount() > 0 || !c.getReprisals().isEmpty()));
    Map<String, Long> alerts = s.getOpenAlertsByRule();
    final Map<String, Long> open = openAlertsByRule(c);
    for (final Map.Entry<String, Long> rule : open.entrySet()) {
      alerts = count(inPlace, alerts, rule.getKey(), sign * rule.getValue());
    }
    s.setOpenAlertsByRule(alerts);
    s.setComplaintsStalledNow(
        s.getComplaintsStalledNow()
            + sign * flag(open.containsKey(RuleId.STALLED_COMPLAINT.name())));

    s.setCriminalComplaints(
        s.getCriminalComplaints() + sign * flag(c.getFirstCriminalComplaintAt() != null));
    final Integer days = c.getDaysToInvestigation();
    if (days != null) {
      s.setDaysToInvestigationCounts(
          count(inPlace, s.getDaysToInvestigationCounts(), Integer.toString(days), sign));
      s.setInvestigatedWithin10Days(
          s.getInvestigatedWithin10Days() + sign * flag(days <= WITHIN_DAYS[0]));
      s.setInvestigatedWithin30Days(
          s.getInvestigatedWithin30Days() + sign * flag(days <= WITHIN_DAYS[1]));
      s.setInvestigatedWithin90Days(
          s.getInvestigatedWithin90Days() + sign * flag(days <= WITHIN_DAYS[2]));
    }
    s.setDaysToInvestigationHistogram(List.of());

    profile(c, s, year, sign, inPlace);
    decisions(c, s, year, sign, inPlace);
    investigations(c, s, year, sign, inPlace);
    examinations(c, s, year, sign, inPlace);
    unCommunication(c, s, year, sign, inPlace);
    compensation(c, s, year, sign, inPlace);
  }

  /** The figures worked out from the counts: percentiles and shares. */
  private static void derive(final CountryStats s) {
    final DayCounts days = DayCounts.of(s.getDaysToInvestigationCounts());
    s.setDaysToInvestigationMedian(days.percentile(0.5));
    s.setDaysToInvestigationP90(days.percentile(0.9));
    s.setInvestigatedWithin10DaysShare(
        share(s.getInvestigatedWithin10Days(), s.getCriminalComplaints()));
    s.setInvestigatedWithin30DaysShare(
        share(s.getInvestigatedWithin30Days(), s.getCriminalComplaints()));
    s.setInvestigatedWithin90DaysShare(
        share(s.getInvestigatedWithin90Days(), s.getCriminalComplaints()));
    s.setIndependentInvestigationShare(
        share(s.getIndependentInvestigations(), s.getInvestigations()));
    s.setTortureArticleInvestigationShare(
        share(s.getTortureArticleInvestigations(), s.getInvestigations()));
    s.setExaminedWithin3DaysShare(share(s.getExaminedWithin3Days(), s.getComplaintsFiled()));
  }

  /** Who and what the registration names: allegation, perpetrators, place, the victim's profile. */
  private static void profile(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    if (c.getAllegation() != null) {
      s.setCasesByAllegation(
          count(inPlace, s.getCasesByAllegation(), c.getAllegation().name(), sign));
      s.setCasesByAllegationByYear(
          count(inPlace, s.getCasesByAllegationByYear(), year, c.getAllegation().name(), sign));
      if (c.getAllegation() == Allegation.DEATH_IN_CUSTODY) {
        s.setDeathsInCustody(s.getDeathsInCustody() + sign);
        s.setDeathsInCustodyByYear(count(inPlace, s.getDeathsInCustodyByYear(), year, sign));
      }
    }
    if (c.getPerpetratorAgency() != null) {
      s.setCasesByPerpetratorAgency(
          count(inPlace, s.getCasesByPerpetratorAgency(), c.getPerpetratorAgency().name(), sign));
      s.setCasesByPerpetratorAgencyByYear(
          count(
              inPlace,
              s.getCasesByPerpetratorAgencyByYear(),
              year,
              c.getPerpetratorAgency().name(),
              sign));
    }
    if (c.getPlaceOfDetention() != null) {
      s.setCasesByPlaceOfDetention(
          count(inPlace, s.getCasesByPlaceOfDetention(), c.getPlaceOfDetention().name(), sign));
      s.setCasesByPlaceOfDetentionByYear(
          count(
              inPlace,
              s.getCasesByPlaceOfDetentionByYear(),
              year,
              c.getPlaceOfDetention().name(),
              sign));
    }
    for (final String marker : victimProfile(c.getVictim())) {
      s.setCasesByVictimProfile(count(inPlace, s.getCasesByVictimProfile(), marker, sign));
      s.setCasesByVictimProfileByYear(
          count(inPlace, s.getCasesByVictimProfileByYear(), year, marker, sign));
    }
  }

  /** The victim profiles the statements single out: minors, women, people returned from abroad. */
  static List<String> victimProfile(final VictimProfile victim) {
    if (victim == null) {
      return List.of();
    }
    final List<String> markers = new ArrayList<>();
    if (victim.getAgeBand() == AgeBand.UNDER_18) {
      markers.add(AgeBand.UNDER_18.name());
    }
    if (victim.getSex() == Sex.FEMALE) {
      markers.add(Sex.FEMALE.name());
    }
    if (victim.getReturnedFromAbroad()) {
      markers.add(RETURNED_FROM_ABROAD);
    }
    return markers;
  }

  /** The "ping-pong": refusals, appeals, annulments, reopenings, suspensions. */
  private static void decisions(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    final int refusals = c.getRefusalCount();
    s.setRefusals(s.getRefusals() + (long) sign * refusals);
    s.setRefusalsByYear(count(inPlace, s.getRefusalsByYear(), year, (long) sign * refusals));
    if (refusals > 0) {
      final String times = refusalsKey(refusals);
      s.setCasesByRefusals(count(inPlace, s.getCasesByRefusals(), times, sign));
      s.setCasesByRefusalsByYear(count(inPlace, s.getCasesByRefusalsByYear(), year, times, sign));
    }
    s.setAppeals(s.getAppeals() + (long) sign * c.getAppealCount());
    s.setAppealsByYear(
        count(inPlace, s.getAppealsByYear(), year, (long) sign * c.getAppealCount()));
    s.setAnnulments(s.getAnnulments() + (long) sign * c.getAnnulmentCount());
    s.setAnnulmentsByYear(
        count(inPlace, s.getAnnulmentsByYear(), year, (long) sign * c.getAnnulmentCount()));
    s.setReopenings(s.getReopenings() + (long) sign * c.getReopeningCount());
    s.setReopeningsByYear(
        count(inPlace, s.getReopeningsByYear(), year, (long) sign * c.getReopeningCount()));
    s.setSuspensions(s.getSuspensions() + (long) sign * c.getSuspensionCount());
    s.setSuspensionsByYear(
        count(inPlace, s.getSuspensionsByYear(), year, (long) sign * c.getSuspensionCount()));
    s.setInvestigationsSuspendedNow(
        s.getInvestigationsSuspendedNow() + sign * flag(c.getSuspendedNow()));
  }

  /** The key of casesByRefusals: '1', '2' or '3+'. */
  static String refusalsKey(final int refusals) {
    return refusals >= 3 ? "3+" : Integer.toString(refusals);
  }

  /**
   * Investigations opened, and which of them an independent body opened or opened under the torture
   * article.
   */
  private static void investigations(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    s.setInvestigations(s.getInvestigations() + (long) sign * c.getInvestigationCount());
    s.setInvestigationsByYear(
        count(inPlace, s.getInvestigationsByYear(), year, (long) sign * c.getInvestigationCount()));
    s.setIndependentInvestigations(
        s.getIndependentInvestigations() + (long) sign * c.getIndependentInvestigations());
    s.setIndependentInvestigationsByYear(
        count(
            inPlace,
            s.getIndependentInvestigationsByYear(),
            year,
            (long) sign * c.getIndependentInvestigations()));
    s.setTortureArticleInvestigations(
        s.getTortureArticleInvestigations() + (long) sign * c.getTortureArticleInvestigations());
    s.setTortureArticleInvestigationsByYear(
        count(
            inPlace,
            s.getTortureArticleInvestigationsByYear(),
            year,
            (long) sign * c.getTortureArticleInvestigations()));
  }

  /** Forensic examinations, and whether the first came within the days that decide many cases. */
  private static void examinations(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    final Map<String, Long> stages = new TreeMap<>();
    stages.put(ForensicStage.REQUESTED.name(), (long) c.getExaminationsRequested());
    stages.put(ForensicStage.CONDUCTED.name(), (long) c.getExaminationsConducted());
    stages.put(ForensicStage.REFUSED.name(), (long) c.getExaminationsRefused());
    stages.forEach(
        (stage, n) -> {
          s.setExaminationsByStage(count(inPlace, s.getExaminationsByStage(), stage, sign * n));
          s.setExaminationsByStageByYear(
              count(inPlace, s.getExaminationsByStageByYear(), year, stage, sign * n));
        });
    s.setIndependentExaminations(
        s.getIndependentExaminations() + (long) sign * c.getIndependentExaminations());
    s.setIndependentExaminationsByYear(
        count(
            inPlace,
            s.getIndependentExaminationsByYear(),
            year,
            (long) sign * c.getIndependentExaminations()));
    final long complained = flag(c.getComplaintFiledAt() != null);
    s.setComplaintsFiledByYear(
        count(inPlace, s.getComplaintsFiledByYear(), year, sign * complained));
    final Integer days = c.getDaysToExamination();
    final long inTime = flag(days != null && days <= EXAMINATION_DAYS);
    s.setExaminedWithin3Days(s.getExaminedWithin3Days() + sign * inTime);
    s.setExaminedWithin3DaysByYear(
        count(inPlace, s.getExaminedWithin3DaysByYear(), year, sign * inTime));
  }

  /** Cases by the latest step of their UN individual communication. */
  private static void unCommunication(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    if (c.getUnStage() != null) {
      s.setCasesByUnStage(count(inPlace, s.getCasesByUnStage(), c.getUnStage().name(), sign));
      s.setCasesByUnStageByYear(
          count(inPlace, s.getCasesByUnStageByYear(), year, c.getUnStage().name(), sign));
    }
  }

  /** Compensation awarded and paid, per currency, for the cases registered each year. */
  private static void compensation(
      final CaseState c,
      final CountryStats s,
      final String year,
      final int sign,
      final boolean inPlace) {
    s.setCompensationsByYear(
        count(
            inPlace, s.getCompensationsByYear(), year, sign * flag(c.getCompensatedAt() != null)));
    s.setCompensationPaidMinorByCurrency(
        countAll(
            inPlace,
            s.getCompensationPaidMinorByCurrency(),
            c.getCompensationPaidMinorByCurrency(),
            sign));
    if (year != null) {
      s.setCompensationMinorByYear(
          countAll(
              inPlace,
              s.getCompensationMinorByYear(),
              year,
              c.getCompensationMinorByCurrency(),
              sign));
      s.setCompensationPaidMinorByYear(
          countAll(
              inPlace,
              s.getCompensationPaidMinorByYear(),
              year,
              c.getCompensationPaidMinorByCurrency(),
              sign));
    }
  }

  /**
   * The local calendar year of registration, the key of every ByYear figure; states written before
   * registeredYear existed fall back to the UTC year. Null for a case not (yet) registered.
   */
  private static String registrationYear(final CaseState c) {
    if (c.getRegisteredAt() == null) {
      return null;
    }
    return Integer.toString(
        c.getRegisteredYear() != null
            ? c.getRegisteredYear()
            : c.getRegisteredAt().atZone(ZoneOffset.UTC).getYear());
  }

  /**
   * The p-quantile of the days counted in {@code counts} (days as keys), interpolated linearly
   * between the two order statistics around rank p·(n−1), as R's and NumPy's default does: the
   * median of {1, 30} is 15.5. Null when nothing is counted.
   */
  static Double percentile(final Map<String, Long> counts, final double p) {
    return DayCounts.of(counts).percentile(p);
  }

  /** The case's open alerts per rule; states written before the counts existed list them all. */
  private static Map<String, Long> openAlertsByRule(final CaseState c) {
    if (!c.getOpenAlertCountByRule().isEmpty() || c.getOpenAlerts().isEmpty()) {
      return c.getOpenAlertCountByRule();
    }
    final Map<String, Long> counts = new TreeMap<>();
    c.getOpenAlerts().forEach(alert -> counts.merge(alert.getRule().name(), 1L, Long::sum));
    return counts;
  }

  private static Double share(final long part, final long whole) {
    return whole <= 0 ? null : (double) part / whole;
  }

  private static long flag(final boolean condition) {
    return condition ? 1 : 0;
  }

  /**
   * The map with {@code key} moved by {@code delta}; keys that reach zero disappear. A null key
   * leaves it as it is.
   */
  private static Map<String, Long> count(
      final boolean inPlace, final Map<String, Long> counts, final String key, final long delta) {
    if (key == null || delta == 0) {
      return counts;
    }
    final TreeMap<String, Long> updated = owned(inPlace, counts);
    final long value = MinorUnits.add(updated.getOrDefault(key, 0L), delta);
    if (value == 0) {
      updated.remove(key);
    } else {
      updated.put(key, value);
    }
    return updated;
  }

  /**
   * The per-year map with {@code key} of {@code year} moved by {@code delta}; years left empty
   * disappear.
   */
  private static Map<String, Map<String, Long>> count(
      final boolean inPlace,
      final Map<String, Map<String, Long>> byYear,
      final String year,
      final String key,
      final long delta) {
    if (year == null || key == null || delta == 0) {
      return byYear;
    }
    final TreeMap<String, Map<String, Long>> updated = owned(inPlace, byYear);
    final Map<String, Long> counts =
        count(inPlace, updated.getOrDefault(year, Map.of()), key, delta);
    if (counts.isEmpty()) {
      updated.remove(year);
    } else {
      updated.put(year, counts);
    }
    return updated;
  }

  /**
   * The map to count in: {@code counts} itself when counting in place and it is a map this fold
   * made (a {@link TreeMap}; the figures it starts from hold none), else a copy.
   */
  // TreeMap, not Map: that type marks a map as this fold's, which the in-place sum counts in.
  @SuppressWarnings("NonApiType")
  private static <V> TreeMap<String, V> owned(final boolean inPlace, final Map<String, V> counts) {
    return inPlace && counts instanceof TreeMap<String, V> own ? own : new TreeMap<>(counts);
  }

  /** The map with every amount of {@code amounts} added {@code sign} times. */
  private static Map<String, Long> countAll(
      final boolean inPlace,
      final Map<String, Long> counts,
      final Map<String, Long> amounts,
      final int sign) {
    Map<String, Long> updated = counts;
    for (final Map.Entry<String, Long> amount : amounts.entrySet()) {
      updated = count(inPlace, updated, amount.getKey(), sign * amount.getValue());
    }
    return updated;
  }

  /** The same for one year of a per-year map. */
  private static Map<String, Map<String, Long>> countAll(
      final boolean inPlace,
      final Map<String, Map<String, Long>> byYear,
      final String year,
      final Map<String, Long> amounts,
      final int sign) {
    Map<String, Map<String, Long>> updated = byYear;
    for (final Map.Entry<String, Long> amount : amounts.entrySet()) {
      updated = count(inPlace, updated, year, amount.getKey(), sign * amount.getValue());
    }
    return updated;
  }
}
