package org.casewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.casewatch.cli.CliRun.casewatch;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.casewatch.analytics.YearReport;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.Country;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.Sex;
import org.casewatch.model.Topics;
import org.casewatch.model.UnCommunication;
import org.casewatch.simulation.Histories;
import org.casewatch.testkit.CasewatchCluster;
import org.casewatch.testkit.WithCasewatchKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Point;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The yearly statement as an analyst opens it: the seeded 2016 history the simulator publishes (163
 * KZ, 112 KG, 57 TJ cases and what became of them) on a real broker, {@code casewatch report --year
 * 2016 --format html}, and the file in a real headless Chromium (Debian's chromium and
 * chromium-driver). Every country's section holds every figure, with values that fit the history,
 * worded for readers, and charts that render. Keeps docs/report-2016.png (the whole statement) and
 * docs/report-2016-tj.png (Tajikistan's section) for docs/analysts.md.
 */
@WithCasewatchKafka
class YearReportBrowserIT {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  /**
   * The simulator's clock: the history as published on this day, appeals and payments of later
   * years included.
   */
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static final Instant END_OF_2016 = YearReport.endOf(2016);

  /**
   * Breakdowns the simulated history fills in every country with published figures: plain labels,
   * each with its count.
   */
  private static final List<String> BREAKDOWNS =
      List.of(
          "decisionsByOutcome",
          "casesByRefusals",
          "examinationsByStage",
          "casesByAllegation",
          "casesByPerpetratorAgency",
          "casesByPlaceOfDetention");

  private static final Set<InvestigationOutcome> REFUSALS =
      EnumSet.of(
          InvestigationOutcome.REFUSED_TO_INITIATE,
          InvestigationOutcome.REFUSED_NO_CRIME,
          InvestigationOutcome.TERMINATED);
  private static final Map<Country, Integer> PUBLISHED_2016 =
      Map.of(Country.KZ, 163, Country.KG, 112, Country.TJ, 57);

  /**
   * The figure names docs/analysts.md promises to readers, in the order of the statement's table.
   */
  private static final List<String> FIGURES =
      List.of(
          "newCases",
          "complaints",
          "investigationsOpened",
          "decisionsByOutcome",
          "compensations",
          "compensationMinorByCurrency",
          "reprisals",
          "complaintsWithdrawn",
          "stalledComplaintsAtYearEnd",
          "medianDaysToInvestigation",
          "casesWithComplaint",
          "refusals",
          "casesByRefusals",
          "appeals",
          "annulments",
          "reopenings",
          "suspensions",
          "investigations",
          "independentInvestigations",
          "independentInvestigationShare",
          "tortureArticleInvestigations",
          "tortureArticleInvestigationShare",
          "examinationsByStage",
          "independentExaminations",
          "examinedWithin3Days",
          "examinedWithin3DaysShare",
          "casesByAllegation",
          "deathsInCustody",
          "casesByPerpetratorAgency",
          "casesByPlaceOfDetention",
          "casesByVictimProfile",
          "casesByUnStage",
          "casesCompensated",
          "compensationAwarded",
          "compensationPaid");

  private final CasewatchCluster cluster;

  YearReportBrowserIT(final CasewatchCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void theSimulated2016StatementShowsEveryFigureOfEveryCountryInABrowser(@TempDir final Path dir)
      throws IOException {
    assertThat(CHROMIUM)
        .as("headless browser tests need Debian's chromium: apt-get install -y chromium")
        .exists();
    assertThat(CHROMEDRIVER).as("and its driver: apt-get install -y chromium-driver").exists();
    final List<CaseEvent> history = Histories.history2016(2016, NOW);
    final String prefix = CasewatchCluster.uniqueName("report") + ".";
    cluster.createTopics(
        3, Topics.allEvents().stream().map(topic -> prefix + topic).toArray(String[]::new));
    final long started = System.nanoTime();
    cluster.publishEvents(prefix, history);
    final long published = System.nanoTime();

    final Path html = dir.resolve("statement-2016.html");
    final CliRun report =
        casewatch(
            "report",
            "--year",
            "2016",
            "--format",
            "html",
            "--out",
            html.toString(),
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--registry-url",
            cluster.registryUrl(),
            "--topics-prefix",
            prefix,
            "--no-progress");
    assertThat(report.exitCode()).as(report.err()).isZero();
    System.out.printf(
        "report: %d simulated events published in %d ms; casewatch report --year 2016 took %d ms%n",
        history.size(),
        (published - started) / 1_000_000,
        (System.nanoTime() - published) / 1_000_000);

    final ChromeDriver browser = chromium();
    try {
      browser.get(html.toUri().toString());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "complete".equals(browser.executeScript("return document.readyState"))
                      && !browser.findElements(By.id("overview")).isEmpty());

      for (final Country country : Country.values()) {
        final WebElement section = browser.findElement(By.id("country-" + country.name()));
        assertThat(section.findElements(By.cssSelector("tr[data-figure]")))
            .extracting(row -> row.getAttribute("data-figure"))
            .as(country.name())
            .containsExactlyElementsOf(FIGURES);
        assertThat(number(section, "newCases"))
            .as(country.name())
            .isEqualTo(registered(history, country));
        assertChartsRender(section, country.name());
      }
      for (final Country country : List.of(Country.KZ, Country.KG, Country.TJ)) {
        assertFiguresFitTheHistory(
            browser.findElement(By.id("country-" + country.name())), country, history);
      }
      assertTajikCompensation(browser.findElement(By.id("country-TJ")), history);
      assertChartsRender(browser.findElement(By.id("overview")), "overview");
      assertWordedForReaders(browser.findElement(By.tagName("body")).getText());

      final Path docs = docs();
      fullPage(browser, docs.resolve("report-2016.png"));
      final Rectangle tajikistan = browser.findElement(By.id("country-TJ")).getRect();
      area(
          browser,
          new Rectangle(
              new Point(tajikistan.getX() - 16, tajikistan.getY() - 16),
              new Dimension(tajikistan.getWidth() + 32, tajikistan.getHeight() + 32)),
          docs.resolve("report-2016-tj.png"));
    } finally {
      browser.quit();
    }
  }

  /**
   * The published counts, and what became of the cases: within what the history holds up to the
   * year's end.
   */
  private static void assertFiguresFitTheHistory(
      final WebElement section, final Country country, final List<CaseEvent> history) {
    final String name = country.name();
    final int published = PUBLISHED_2016.get(country);
    assertThat(number(section, "newCases")).as(name).isEqualTo(published);
    assertThat(section.getText())
        .contains(
            "In 2016 the Coalition registered " + published + " new cases in ",
            "Of the "
                + published
                + " cases registered in 2016, by the end of the year complaints had been filed in"
                + " ");

    final long withComplaint = number(section, "casesWithComplaint");
    assertThat(withComplaint).as(name).isPositive().isLessThanOrEqualTo(published);
    // A refusal to open a case, or an investigation terminated: both leave the victim without a
    // remedy.
    assertThat(number(section, "refusals"))
        .as(name)
        .isPositive()
        .isLessThanOrEqualTo(
            byEndOf2016(
                history,
                country,
                event ->
                    event.getPayload() instanceof InvestigationClosed closed
                        && REFUSALS.contains(closed.getOutcome())));
    assertThat(number(section, "appeals"))
        .as(name)
        .isPositive()
        .isLessThanOrEqualTo(
            byEndOf2016(history, country, event -> event.getPayload() instanceof DecisionAppealed));
    assertThat(number(section, "annulments"))
        .as(name)
        .isPositive()
        .isLessThanOrEqualTo(
            byEndOf2016(history, country, event -> event.getPayload() instanceof DecisionAnnulled));
    final long openings =
        byEndOf2016(history, country, event -> event.getPayload() instanceof InvestigationOpened);
    final long investigations = number(section, "investigations");
    assertThat(investigations).as(name).isPositive().isLessThanOrEqualTo(openings);
    assertThat(number(section, "reopenings")).as(name).isPositive().isLessThan(investigations);
    assertThat(number(section, "suspensions"))
        .as(name)
        .isPositive()
        .isLessThanOrEqualTo(
            byEndOf2016(
                history, country, event -> event.getPayload() instanceof InvestigationSuspended));
    assertShare(
        section,
        "independentInvestigationShare",
        number(section, "independentInvestigations"),
        investigations);
    assertShare(
        section,
        "tortureArticleInvestigationShare",
        number(section, "tortureArticleInvestigations"),
        investigations);
    final long examinedInTime = number(section, "examinedWithin3Days");
    assertThat(examinedInTime).as(name).isPositive().isLessThanOrEqualTo(withComplaint);
    assertShare(section, "examinedWithin3DaysShare", examinedInTime, withComplaint);

    assertThat(number(section, "deathsInCustody"))
        .as(name)
        .isEqualTo(
            registrations(
                history,
                country,
                registered -> registered.getAllegation() == Allegation.DEATH_IN_CUSTODY));
    assertThat(text(section, "casesByVictimProfile")).as(name).isEqualTo(victims(history, country));
    for (final String breakdown : BREAKDOWNS) {
      assertThat(row(section, breakdown).getAttribute("data-value")).as(breakdown).isNull();
      assertThat(text(section, breakdown))
          .as(name + " " + breakdown)
          .matches("[^,]+ \\d+(, [^,]+ \\d+)*");
    }
    final long unSteps =
        byEndOf2016(history, country, event -> event.getPayload() instanceof UnCommunication);
    if (unSteps > 0) {
      assertThat(text(section, "casesByUnStage"))
          .as(name)
          .matches("[a-z' ]+ \\d+(, [a-z' ]+ \\d+)*");
    } else {
      assertThat(text(section, "casesByUnStage")).as(name).isEqualTo("none");
    }
  }

  /**
   * Five awards in 2016, in major units with their currency; paid only what was paid by the Tajik
   * year's end.
   */
  private static void assertTajikCompensation(
      final WebElement tajikistan, final List<CaseEvent> history) {
    final long awarded =
        amountByEndOf2016(
            history,
            event ->
                event.getPayload() instanceof CompensationAwarded awards
                    ? awards.getAmountMinor()
                    : 0);
    final long paid =
        amountByEndOf2016(
            history,
            event ->
                event.getPayload() instanceof CompensationPaid payment
                    ? payment.getAmountMinor()
                    : 0);
    assertThat(number(tajikistan, "compensations")).isEqualTo(Histories.TJ_COMPENSATIONS_2016);
    assertThat(number(tajikistan, "casesCompensated")).isEqualTo(Histories.TJ_COMPENSATIONS_2016);
    assertThat(paid)
        .as("some of the awards were paid in part in 2016")
        .isPositive()
        .isLessThan(awarded);
    assertThat(text(tajikistan, "compensationMinorByCurrency")).isEqualTo(somoni(awarded));
    assertThat(text(tajikistan, "compensationAwarded")).isEqualTo(somoni(awarded));
    assertThat(text(tajikistan, "compensationPaid")).isEqualTo(somoni(paid));
    assertThat(tajikistan.getText())
        .contains(
            "Compensation was awarded in "
                + Histories.TJ_COMPENSATIONS_2016
                + " of these cases: "
                + somoni(awarded)
                + " awarded, "
                + somoni(paid)
                + " paid.");
    final WebElement chart =
        tajikistan.findElement(By.cssSelector("figure[data-chart='compensation']"));
    assertThat(chart.getText())
        .contains("awarded, TJS", "paid, TJS", somoni(awarded), somoni(paid));
  }

  /** Every chart of the section is drawn with a size, and bars with a length. */
  private static void assertChartsRender(final WebElement section, final String where) {
    final List<WebElement> charts = section.findElements(By.tagName("svg"));
    assertThat(charts)
        .as(where)
        .isNotEmpty()
        .allSatisfy(
            chart -> {
              assertThat(chart.getSize().getWidth()).as(where).isPositive();
              assertThat(chart.getSize().getHeight()).as(where).isPositive();
            });
    assertThat(section.findElements(By.cssSelector("svg rect")))
        .as(where)
        .anySatisfy(
            bar -> assertThat(bar.getSize().getWidth() * bar.getSize().getHeight()).isPositive());
  }

  /** No map syntax, instants, contract symbols or minor units: the words the coalitions use. */
  private static void assertWordedForReaders(final String text) {
    assertThat(text)
        .doesNotContain("{", "}")
        .doesNotContainPattern("\\bnull\\b")
        .doesNotContainPattern("[A-Za-z_]=-?\\d")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")
        .doesNotContainPattern("T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z")
        .doesNotContainPattern("\\b[A-Z]{2,}(_[A-Z0-9]+)+\\b")
        .contains(
            "31 December 2016",
            "163 new cases in Kazakhstan",
            "112 new cases in Kyrgyzstan",
            "57 new cases in Tajikistan");
  }

  private static void assertShare(
      final WebElement section, final String figure, final long part, final long whole) {
    final WebElement row = row(section, figure);
    assertThat(Double.parseDouble(row.getAttribute("data-value")))
        .as(figure)
        .isBetween(0.0, 1.0)
        .isCloseTo(part / (double) whole, offset(0.00005));
    assertThat(text(section, figure)).as(figure).matches("\\d{1,3}%");
  }

  private static WebElement row(final WebElement section, final String figure) {
    return section.findElement(By.cssSelector("tr[data-figure='" + figure + "']"));
  }

  private static long number(final WebElement section, final String figure) {
    final String value = row(section, figure).getAttribute("data-value");
    assertThat(value).as(figure + " has a data-value").isNotNull();
    assertThat(text(section, figure)).as(figure).isEqualTo(value);
    return Long.parseLong(value);
  }

  private static String text(final WebElement section, final String figure) {
    return row(section, figure).findElement(By.tagName("td")).getText().trim();
  }

  private static long registered(final List<CaseEvent> history, final Country country) {
    return registrations(history, country, registered -> true);
  }

  private static long registrations(
      final List<CaseEvent> history, final Country country, final Predicate<CaseRegistered> which) {
    return history.stream()
        .filter(event -> event.getCountry() == country)
        .filter(
            event ->
                event.getPayload() instanceof CaseRegistered registered && which.test(registered))
        .count();
  }

  /**
   * The history's events of the country up to the statement's as-of instant (every case of it was
   * registered in 2016).
   */
  private static long byEndOf2016(
      final List<CaseEvent> history, final Country country, final Predicate<CaseEvent> which) {
    return history.stream()
        .filter(
            event -> event.getCountry() == country && !event.getOccurredAt().isAfter(END_OF_2016))
        .filter(which)
        .count();
  }

  private static long amountByEndOf2016(
      final List<CaseEvent> history, final ToLongFunction<CaseEvent> amount) {
    return history.stream()
        .filter(
            event ->
                event.getCountry() == Country.TJ && !event.getOccurredAt().isAfter(END_OF_2016))
        .mapToLong(amount)
        .sum();
  }

  /**
   * "minors (under 18) 9, women 17, returned or extradited from abroad 3", as registered; the
   * absent left out.
   */
  private static String victims(final List<CaseEvent> history, final Country country) {
    final List<String> parts = new ArrayList<>();
    final long minors =
        registrations(history, country, r -> r.getVictim().getAgeBand() == AgeBand.UNDER_18);
    final long women = registrations(history, country, r -> r.getVictim().getSex() == Sex.FEMALE);
    final long returned =
        registrations(history, country, r -> r.getVictim().getReturnedFromAbroad());
    if (minors > 0) {
      parts.add("minors (under 18) " + minors);
    }
    if (women > 0) {
      parts.add("women " + women);
    }
    if (returned > 0) {
      parts.add("returned or extradited from abroad " + returned);
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** 2241000 minor units: "22,410.00 TJS". */
  private static String somoni(final long minor) {
    return String.format(Locale.ROOT, "%,.2f TJS", BigDecimal.valueOf(minor).movePointLeft(2));
  }

  /** The repository's docs/ directory, from wherever the build runs the test. */
  private static Path docs() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs").resolve("analysts.md"))) {
        return dir.resolve("docs");
      }
    }
    throw new IllegalStateException("no docs/analysts.md above " + Path.of("").toAbsolutePath());
  }

  private static void fullPage(final ChromeDriver browser, final Path file) throws IOException {
    final List<?> size =
        (List<?>)
            browser.executeScript(
                "return [document.documentElement.scrollWidth,"
                    + " document.documentElement.scrollHeight]");
    area(
        browser,
        new Rectangle(
            new Point(0, 0),
            new Dimension(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue())),
        file);
  }

  /**
   * A screenshot of a part of the page, beyond the window if need be (Chromium's DevTools
   * protocol).
   */
  private static void area(final ChromeDriver browser, final Rectangle area, final Path file)
      throws IOException {
    final Map<String, Object> shot =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    area.getX(),
                    "y",
                    area.getY(),
                    "width",
                    area.getWidth(),
                    "height",
                    area.getHeight(),
                    "scale",
                    1)));
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static ChromeDriver chromium() {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,1000");
    final ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
