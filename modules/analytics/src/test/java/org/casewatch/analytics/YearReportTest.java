package org.casewatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.casewatch.analytics.YearReport.RegisteredCases;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseStage;
import org.casewatch.model.CaseState;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.PlaceOfDetention;
import org.casewatch.model.Sex;
import org.casewatch.model.UnStage;
import org.casewatch.model.VictimProfile;
import org.casewatch.topology.country.CountryFigures;
import org.junit.jupiter.api.Test;

/**
 * The yearly statement reads like the coalitions' own: a paragraph per country with its numbers,
 * plain labels, money in major units with its currency, local dates, and a stable HTML structure.
 * Built from case states folded into country figures as the topology folds them.
 */
class YearReportTest {

  private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
  private static final Pattern MAP_SYNTAX =
      Pattern.compile("[A-Za-z0-9_)]=\\d|\\{[A-Z_]+|[A-Z]{2,}_[A-Z_]+");

  /**
   * KZ: two 2016 cases, one registered in 2015 and decided in 2016, one on the first night of 2017
   * in Almaty. TJ: a death in custody.
   */
  private static List<CaseState> history() {
    final List<CaseState> cases = new ArrayList<>();
    cases.add(
        registered("KZ-2016-0001", "2016-02-01T04:00:00Z", 2016)
            .setAllegation(Allegation.TORTURE)
            .setPerpetratorAgency(Agency.POLICE)
            .setPlaceOfDetention(PlaceOfDetention.POLICE_STATION)
            .setVictim(new VictimProfile(Sex.MALE, AgeBand.AGE_18_29, false))
            .setComplaintFiledAt(Instant.parse("2016-02-03T04:00:00Z"))
            .setComplaintCount(1)
            .setRefusalCount(3)
            .setAppealCount(2)
            .setAnnulmentCount(2)
            .setReopeningCount(1)
            .setInvestigationCount(1)
            .setTortureArticleInvestigations(1)
            .setOutcome(InvestigationOutcome.REFUSED_NO_CRIME)
            .setInvestigationClosedAt(Instant.parse("2016-11-01T04:00:00Z"))
            .setExaminationsRequested(1)
            .setExaminationsConducted(1)
            .setDaysToExamination(2)
            .build());
    cases.add(
        registered("KZ-2016-0002", "2016-05-10T04:00:00Z", 2016)
            .setAllegation(Allegation.TORTURE)
            .setPerpetratorAgency(Agency.NATIONAL_SECURITY)
            .setPlaceOfDetention(PlaceOfDetention.PRE_TRIAL_DETENTION)
            .setVictim(new VictimProfile(Sex.FEMALE, AgeBand.UNDER_18, true))
            .setComplaintFiledAt(Instant.parse("2016-05-12T04:00:00Z"))
            .setComplaintCount(1)
            .setRefusalCount(1)
            .setAppealCount(1)
            .setOutcome(InvestigationOutcome.REFUSED_TO_INITIATE)
            .setInvestigationClosedAt(Instant.parse("2016-06-01T04:00:00Z"))
            .setExaminationsRequested(1)
            .setExaminationsRefused(1)
            .setUnStage(UnStage.SUBMITTED)
            .build());
    cases.add(
        registered("KZ-2015-0009", "2015-10-01T04:00:00Z", 2015)
            .setComplaintFiledAt(Instant.parse("2015-10-02T04:00:00Z"))
            .setInvestigationOpenedAt(Instant.parse("2016-02-01T04:00:00Z"))
            .setInvestigationCount(1)
            .setOutcome(InvestigationOutcome.CHARGED)
            .setInvestigationClosedAt(Instant.parse("2016-03-01T04:00:00Z"))
            .build());
    // 19:30 UTC on 31 December 2016 is 01:30 on 1 January 2017 in Almaty: a 2017 case.
    cases.add(registered("KZ-2017-0001", "2016-12-31T19:30:00Z", 2017).setRefusalCount(1).build());
    cases.add(
        registered("TJ-2016-0001", "2016-03-01T04:00:00Z", 2016)
            .setAllegation(Allegation.DEATH_IN_CUSTODY)
            .setPerpetratorAgency(Agency.PENITENTIARY_SERVICE)
            .setPlaceOfDetention(PlaceOfDetention.PRISON)
            .setComplaintFiledAt(Instant.parse("2016-03-02T04:00:00Z"))
            .setComplaintCount(1)
            .setInvestigationOpenedAt(Instant.parse("2016-03-20T04:00:00Z"))
            .setInvestigationCount(2)
            .setIndependentInvestigations(1)
            .setSuspensionCount(1)
            .setSuspendedNow(true)
            .setExaminationsConducted(1)
            .setIndependentExaminations(1)
            .setDaysToExamination(5)
            .setUnStage(UnStage.VIEWS_ADOPTED)
            .setCompensatedAt(Instant.parse("2016-09-01T04:00:00Z"))
            .setCompensationMinorByCurrency(Map.of("TJS", 2_241_000L))
            .setCompensationPaidMinorByCurrency(Map.of("TJS", 1_000_000L))
            .build());
    return cases;
  }

  private static CaseState.Builder registered(
      final String caseId, final String at, final int localYear) {
    return CaseState.newBuilder()
        .setCaseId(caseId)
        .setCountry(Country.valueOf(caseId.substring(0, 2)))
        .setCoalition("coalition")
        .setStage(CaseStage.REGISTERED)
        .setRegisteredAt(Instant.parse(at))
        .setRegisteredYear(localYear)
        .setLastEventAt(Instant.parse(at));
  }

  /** What a replay returns: the cases, and the country figures the topology folds from them. */
  private static YearReport report2016() {
    final List<CaseState> cases = history();
    final List<CountryStats> countries = new ArrayList<>();
    for (final Country country : Country.values()) {
      CountryStats stats = null;
      for (final CaseState c : cases) {
        if (c.getCountry() == country) {
          stats = CountryFigures.add(c, stats == null ? CountryFigures.empty() : stats);
        }
      }
      if (stats != null) {
        countries.add(stats);
      }
    }
    return YearReport.of(
        2016,
        new ReplayResult(YearReport.endOf(2016), cases, countries, List.of(), cases.size(), 0));
  }

  @Test
  void theFiguresCountTheYearsEventsAndWhatBecameOfTheYearsCases() {
    final YearReport report = report2016();
    final YearReport.CountryYear kz = report.of(Country.KZ);

    assertThat(kz.newCases()).as("the first night of 2017 in Almaty is 2017").isEqualTo(2);
    assertThat(kz.decisionsByOutcome())
        .isEqualTo(Map.of("REFUSED_NO_CRIME", 1L, "REFUSED_TO_INITIATE", 1L, "CHARGED", 1L));
    final RegisteredCases registered = kz.registered();
    assertThat(registered.cases()).isEqualTo(2);
    assertThat(registered.refusals()).as("not the 2015 or the 2017 case's").isEqualTo(4);
    assertThat(registered.casesByRefusals()).isEqualTo(Map.of("1", 1L, "3+", 1L));
    assertThat(registered.appeals()).isEqualTo(3);
    assertThat(registered.annulments()).isEqualTo(2);
    assertThat(registered.reopenings()).isEqualTo(1);
    assertThat(registered.investigations()).isEqualTo(1);
    assertThat(registered.tortureArticleInvestigations()).isEqualTo(1);
    assertThat(registered.examinationsByStage())
        .isEqualTo(Map.of("REQUESTED", 2L, "CONDUCTED", 1L, "REFUSED", 1L));
    assertThat(registered.examinedWithin3Days()).isEqualTo(1);
    assertThat(registered.withComplaint()).isEqualTo(2);
    assertThat(registered.casesByAllegation()).isEqualTo(Map.of("TORTURE", 2L));
    assertThat(registered.casesByPerpetratorAgency())
        .isEqualTo(Map.of("POLICE", 1L, "NATIONAL_SECURITY", 1L));
    assertThat(registered.casesByPlaceOfDetention())
        .isEqualTo(Map.of("POLICE_STATION", 1L, "PRE_TRIAL_DETENTION", 1L));
    assertThat(registered.casesByVictimProfile())
        .isEqualTo(Map.of("UNDER_18", 1L, "FEMALE", 1L, "RETURNED_FROM_ABROAD", 1L));
    assertThat(registered.casesByUnStage()).isEqualTo(Map.of("SUBMITTED", 1L));

    final RegisteredCases tj = report.of(Country.TJ).registered();
    assertThat(tj.deathsInCustody()).isEqualTo(1);
    assertThat(tj.independentInvestigations()).isEqualTo(1);
    assertThat(tj.suspensions()).isEqualTo(1);
    assertThat(tj.independentExaminations()).isEqualTo(1);
    assertThat(tj.examinedWithin3Days()).as("5 days is too late").isZero();
    assertThat(tj.compensated()).isEqualTo(1);
    assertThat(tj.compensationAwardedMinorByCurrency()).isEqualTo(Map.of("TJS", 2_241_000L));
    assertThat(tj.compensationPaidMinorByCurrency()).isEqualTo(Map.of("TJS", 1_000_000L));
    assertThat(report.of(Country.TM).registered().cases()).isZero();
  }

  @Test
  void eachCountryGetsAParagraphWithItsNumbersInPlainWords() {
    final String md = report2016().markdown();

    assertThat(md)
        .contains(
            "## Kazakhstan\n\n"
                + "In 2016 the Coalition registered 2 new cases in Kazakhstan. During the year"
                + " complaints were filed in 2 cases and investigations opened in 1; 3 decisions"
                + " were taken (charged 1, refused (no crime) 1, refused to initiate 1). 0"
                + " reprisals were reported and 0 complaints withdrawn; at the end of the year 0"
                + " complaints had stalled. The median time from complaint to investigation was 122"
                + " days.\n\n"
                + "Of the 2 cases registered in 2016, by the end of the year complaints had been"
                + " filed in 2. Complaints were refused 4 times (cases refused once 1, 3 times or"
                + " more 1); 3 decisions were appealed and 2 annulled; investigations were reopened"
                + " once and suspended 0 times. 1 investigation was opened, reopenings included: 0"
                + " (0%) by an independent body, 1 (100%) under the torture article. Forensic"
                + " examinations: requested 2, conducted 1, refused 1, 0 by an independent"
                + " examiner; in 1 of the 2 cases with a complaint (50%) an examination was"
                + " conducted within 3 days of the first complaint.\n\n"
                + "Allegations: torture 2 (0 deaths in custody). Alleged perpetrators: national"
                + " security service 1, police 1. Places of detention: police station 1, pre-trial"
                + " detention 1. Victims: minors (under 18) 1, women 1, returned or extradited from"
                + " abroad 1. UN communications, by latest step: submitted 1. No compensation was"
                + " awarded in these cases.");
    assertThat(md)
        .contains(
            "Allegations: death in custody 1 (1 death in custody).",
            "Compensation was awarded in 1 of these cases: 22,410.00 TJS awarded, 10,000.00 TJS"
                + " paid.",
            "In 2016 the Coalition registered no new cases in Turkmenistan.\n\n## Uzbekistan");
    assertThat(md)
        .contains("from casewatch as of the end of 31 December 2016 (each country's local time)");
  }

  @Test
  void noFormatPrintsMapSyntaxSymbolsRawInstantsOrMinorUnits() {
    final YearReport report = report2016();
    final String html = report.html();
    final String htmlText = html.replaceAll("<style>.*?</style>", "").replaceAll("<[^>]*>", " ");
    for (final String text : List.of(report.markdown(), report.csv(), htmlText)) {
      assertThat(text).doesNotContain("{", "}", "2241000", "1000000");
      assertThat(ISO_INSTANT.matcher(text).find()).as("an ISO instant in %s", text).isFalse();
      assertThat(MAP_SYNTAX.matcher(text).results().map(MatchResult::group).toList())
          .as("map syntax or raw symbols")
          .isEmpty();
    }
    assertThat(report.markdown())
        .contains("| compensation awarded | none | none | 22,410.00 TJS | none | none |");
  }

  @Test
  void csvKeepsOneNumberPerCellWithPlainLabels() {
    final String csv = report2016().csv();

    assertThat(csv)
        .startsWith("figure,KZ,KG,TJ,TM,UZ\n")
        .contains(
            "new cases registered,2,0,1,0,0\n",
            "decisions by outcome: refused (no crime),1,0,0,0,0\n",
            "median days complaint to investigation,122,-,18,-,-\n",
            "registered in 2016: refusals,4,0,0,0,0\n",
            "registered in 2016: cases refused: 3 times or more,1,0,0,0,0\n",
            "registered in 2016: share of investigations by an independent body,0%,-,50%,-,-\n",
            "registered in 2016: victims: women,1,0,0,0,0\n",
            "registered in 2016: compensation awarded (TJS),0.00,0.00,22410.00,0.00,0.00\n",
            "registered in 2016: compensation paid (TJS),0.00,0.00,10000.00,0.00,0.00\n");
  }

  @Test
  void theHtmlHasASectionPerCountryAndAFindableElementPerFigure() {
    final String html = report2016().html();

    for (final Country country : Country.values()) {
      assertThat(html).containsOnlyOnce("<section id=\"country-" + country + "\"");
    }
    final String kz =
        html.substring(
            html.indexOf("<section id=\"country-KZ\""), html.indexOf("<section id=\"country-KG\""));
    for (final YearFigure figure : YearFigure.ALL) {
      assertThat(kz)
          .as(figure.name())
          .containsOnlyOnce("<tr data-figure=\"" + figure.name() + "\"");
    }
    assertThat(kz)
        .contains(
            "<tr data-figure=\"refusals\" data-value=\"4\"><th"
                + " scope=\"row\">refusals</th><td>4</td></tr>",
            "<tr data-figure=\"tortureArticleInvestigationShare\" data-value=\"1.0000\">",
            "<td>charged 1, refused (no crime) 1, refused to initiate 1</td>",
            "<p class=\"statement\">In 2016 the Coalition registered 2 new cases in Kazakhstan.",
            "<td>national security service 1, police 1</td>",
            "<figure data-chart=\"path\">",
            "<figure data-chart=\"allegations\">",
            "<svg");
    final String tj =
        html.substring(
            html.indexOf("<section id=\"country-TJ\""), html.indexOf("<section id=\"country-TM\""));
    assertThat(tj)
        .contains(
            "<figure data-chart=\"compensation\">",
            "22,410.00 TJS",
            "10,000.00 TJS",
            "<p class=\"statement\">Of the 1 case registered in 2016");
    assertThat(html)
        .contains("<section id=\"overview\"><h2>All countries</h2>", "<td>views adopted 1</td>")
        .as("self-contained: nothing to fetch")
        .doesNotContain("<script", "<link", "src=\"http", "url(");
  }

  @Test
  void figureNamesAreUniqueSoATestCanFindEach() {
    assertThat(YearFigure.ALL.stream().map(YearFigure::name).distinct().count())
        .isEqualTo(YearFigure.ALL.size());
  }

  @Test
  void textIsEscapedForHtml() {
    assertThat(YearReportHtml.escape("<b a=\"x\" c='y'>&</b>"))
        .isEqualTo("&lt;b a=&quot;x&quot; c=&#39;y&#39;&gt;&amp;&lt;/b&gt;");
  }

  @Test
  void moneyIsPrintedInMajorUnitsWithItsCurrency() {
    assertThat(StatementWords.money(2_241_000L, "TJS")).isEqualTo("22,410.00 TJS");
    for (final String currency : List.of("KZT", "KGS", "TJS", "TMT", "UZS", "USD", "EUR", "RUB")) {
      assertThat(StatementWords.money(123_456_789L, currency))
          .isEqualTo("1,234,567.89 " + currency);
    }
    assertThat(StatementWords.money(150_000L, "JPY")).as("no minor unit").isEqualTo("150,000 JPY");
    assertThat(StatementWords.money(42L, "QQQ"))
        .as("an unknown code is not divided")
        .isEqualTo("42 QQQ");
    assertThat(StatementWords.money(Map.of("USD", 150L, "KZT", 10_000_000L)))
        .isEqualTo("100,000.00 KZT, 1.50 USD");
    assertThat(StatementWords.majorUnits(2_241_000L, "TJS")).isEqualTo("22410.00");
  }

  @Test
  void symbolsGetPlainLabels() {
    assertThat(StatementWords.breakdown(Map.of("CHARGED", 1L, "REFUSED_NO_CRIME", 33L)))
        .isEqualTo("refused (no crime) 33, charged 1");
    assertThat(StatementWords.label("DEATH_IN_CUSTODY")).isEqualTo("death in custody");
    assertThat(StatementWords.label("STATE_REPLY")).isEqualTo("state's follow-up reply");
  }

  @Test
  void theStatementsAsOfIsTheEndOfTheYearWhereItEndsLast() {
    assertThat(YearReport.endOf(2016))
        .as("midnight in Dushanbe, Ashgabat and Tashkent (UTC+5)")
        .isEqualTo(Instant.parse("2016-12-31T18:59:59.999Z"));
    assertThat(report2016().asOfDay()).isEqualTo("31 December 2016");
  }
}
