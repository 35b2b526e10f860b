package org.casewatch.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.casewatch.analytics.YearFigure.Count;
import org.casewatch.analytics.YearFigure.Days;
import org.casewatch.analytics.YearFigure.Part;
import org.casewatch.analytics.YearFigure.Share;
import org.casewatch.analytics.YearFigure.Value;
import org.casewatch.analytics.YearReport.CountryYear;
import org.casewatch.analytics.YearReport.RegisteredCases;
import org.casewatch.model.Country;

/**
 * The yearly statement as one self-contained HTML file: styles and charts (inline SVG) inside,
 * nothing fetched, so it can be mailed, archived and opened offline. Its structure is stable for
 * readers and browser tests: a section per country ({@code id="country-KZ"}) with the statement's
 * paragraphs, a table whose rows carry {@code data-figure} (and {@code data-value} for a number),
 * and charts; then an overview of all countries ({@code id="overview"}).
 */
final class YearReportHtml {

  static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private static final String BLUE = "#3b6ea5";
  private static final String AMBER = "#e0a030";
  private static final String GREEN = "#5a9e6f";
  private static final String RED = "#b03a2e";

  private YearReportHtml() {}

  static String render(final YearReport report) {
    final int year = report.year();
    final StringBuilder html = new StringBuilder();
    html.append(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Torture cases in"
                + " Central Asia, ")
        .append(year)
        .append("</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733;max-width:70rem;line-height:1.45}")
        .append(
            "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem"
                + " .6rem;text-align:right;vertical-align:top}")
        .append(
            "th:first-child,td:first-child{text-align:left;font-weight:normal}th.part{text-align:left;font-weight:600;background:#eef1f5}")
        .append(
            "section{margin:2.5rem 0}figure{margin:1.5rem"
                + " 0}figcaption{font-weight:600;margin-bottom:.4rem}")
        .append("nav a{margin-right:1rem}.charts{display:flex;flex-wrap:wrap;gap:0 2rem}")
        .append("</style></head><body>");
    html.append("<h1>Torture cases in Central Asia, ")
        .append(year)
        .append("</h1>")
        .append(
            "<p>Figures registered by the Coalitions against Torture, from casewatch as of the end"
                + " of ")
        .append(escape(report.asOfDay()))
        .append(" (each country's local time). Cases are pseudonymous.</p><nav>");
    for (final CountryYear country : report.countries()) {
      html.append("<a href=\"#country-")
          .append(escape(country.country().name()))
          .append("\">")
          .append(escape(StatementWords.name(country.country())))
          .append("</a>");
    }
    html.append("<a href=\"#overview\">All countries</a></nav>");
    for (final CountryYear country : report.countries()) {
      html.append(section(year, country));
    }
    html.append(overview(report));
    html.append(response(report));
    return html.append("</body></html>\n").toString();
  }

  /** The coordinators' response to the year's alerts, per country and rule. */
  private static String response(final YearReport report) {
    final StringBuilder html =
        new StringBuilder(
            "<section id=\"response\"><h2>Coordinators' response</h2><p>The year's alerts by"
                + " country and rule, as coordinators had answered them by the end of the year"
                + " (days from the alert's deadline or triggering"
                + " event).</p><table><tr><th>Country</th><th>Rule</th><th>Raised</th><th>Acknowledged</th><th>Median"
                + " days to acknowledge</th><th>Closed</th><th>Median days to close</th></tr>");
    for (final YearReport.Response row : report.response()) {
      html.append("<tr data-country=\"")
          .append(escape(row.country().name()))
          .append("\" data-rule=\"")
          .append(escape(row.rule().name()))
          .append("\"><td>")
          .append(escape(StatementWords.name(row.country())))
          .append("</td><td>")
          .append(escape(StatementWords.label(row.rule().name())))
          .append("</td><td>")
          .append(row.raised())
          .append("</td><td>")
          .append(row.acknowledged())
          .append("</td><td>")
          .append(escape(YearReport.days(row.medianDaysToAcknowledge())))
          .append("</td><td>")
          .append(row.closed())
          .append("</td><td>")
          .append(escape(YearReport.days(row.medianDaysToClose())))
          .append("</td></tr>");
    }
    return html.append("</table></section>").toString();
  }

  /** One country: its paragraphs, its figures, its charts. */
  private static String section(final int year, final CountryYear c) {
    final String code = c.country().name();
    final StringBuilder html =
        new StringBuilder("<section id=\"country-")
            .append(escape(code))
            .append("\" data-country=\"")
            .append(escape(code))
            .append("\"><h2>")
            .append(escape(StatementWords.name(c.country())))
            .append("</h2>");
    YearStatement.paragraphs(year, c)
        .forEach(
            paragraph ->
                html.append("<p class=\"statement\">").append(escape(paragraph)).append("</p>"));
    html.append("<table class=\"figures\">");
    Part part = null;
    for (final YearFigure figure : YearFigure.ALL) {
      if (figure.part() != part) {
        part = figure.part();
        html.append("<tr><th class=\"part\" colspan=\"2\">")
            .append(escape(YearFigure.heading(part, year)))
            .append("</th></tr>");
      }
      final Value value = figure.value().apply(c);
      html.append("<tr data-figure=\"").append(escape(figure.name())).append('"');
      dataValue(value)
          .ifPresent(number -> html.append(" data-value=\"").append(escape(number)).append('"'));
      html.append("><th scope=\"row\">")
          .append(escape(figure.label()))
          .append("</th><td>")
          .append(escape(value.text()))
          .append("</td></tr>");
    }
    html.append("</table>");
    final RegisteredCases r = c.registered();
    if (r.cases() > 0) {
      html.append("<div class=\"charts\">");
      html.append(
          horizontalBars(
              "What became of the cases registered in " + year,
              "path",
              List.of(
                  new Bar("cases registered", r.cases(), Long.toString(r.cases()), BLUE),
                  new Bar(
                      "cases with a complaint",
                      r.withComplaint(),
                      Long.toString(r.withComplaint()),
                      BLUE),
                  new Bar("refusals", r.refusals(), Long.toString(r.refusals()), RED),
                  new Bar("decisions appealed", r.appeals(), Long.toString(r.appeals()), AMBER),
                  new Bar(
                      "decisions annulled", r.annulments(), Long.toString(r.annulments()), AMBER),
                  new Bar(
                      "investigations opened",
                      r.investigations(),
                      Long.toString(r.investigations()),
                      GREEN),
                  new Bar(
                      "investigations reopened",
                      r.reopenings(),
                      Long.toString(r.reopenings()),
                      GREEN),
                  new Bar("suspensions", r.suspensions(), Long.toString(r.suspensions()), RED),
                  new Bar(
                      "examined within 3 days",
                      r.examinedWithin3Days(),
                      Long.toString(r.examinedWithin3Days()),
                      GREEN))));
      html.append(breakdownChart("Allegations", "allegations", r.casesByAllegation(), List.of()));
      html.append(
          breakdownChart(
              "Alleged perpetrators", "perpetrators", r.casesByPerpetratorAgency(), List.of()));
      html.append(
          breakdownChart("Places of detention", "places", r.casesByPlaceOfDetention(), List.of()));
      html.append(
          breakdownChart(
              "Victims: minors, women, returned from abroad",
              "victims",
              r.casesByVictimProfile(),
              StatementWords.VICTIM_PROFILES));
      html.append(compensationChart(r));
      html.append("</div>");
    }
    return html.append("</section>").toString();
  }

  /**
   * The number behind a count, share (a fraction) or days, for data-value; none for a breakdown or
   * money.
   */
  private static Optional<String> dataValue(final Value value) {
    if (value instanceof Count count) {
      return Optional.of(Long.toString(count.count()));
    }
    if (value instanceof Share share && share.whole() > 0) {
      return Optional.of(String.format(Locale.ROOT, "%.4f", share.part() / (double) share.whole()));
    }
    if (value instanceof Days days && days.days() != null) {
      return Optional.of(StatementWords.number(days.days()));
    }
    return Optional.empty();
  }

  /** All countries side by side, and the charts that compare them. */
  private static String overview(final YearReport report) {
    final int year = report.year();
    final List<CountryYear> countries = report.countries();
    final StringBuilder html =
        new StringBuilder("<section id=\"overview\"><h2>All countries</h2><table><tr><th></th>");
    for (final Country country : Country.values()) {
      html.append("<th>").append(escape(country.name())).append("</th>");
    }
    html.append("</tr>");
    Part part = null;
    for (final YearFigure figure : YearFigure.ALL) {
      if (figure.part() != part) {
        part = figure.part();
        html.append("<tr><th class=\"part\" colspan=\"")
            .append(Country.values().length + 1)
            .append("\">")
            .append(escape(YearFigure.heading(part, year)))
            .append("</th></tr>");
      }
      html.append("<tr data-figure=\"")
          .append(escape(figure.name()))
          .append("\"><td>")
          .append(escape(figure.label()))
          .append("</td>");
      countries.forEach(c -> html.append("<td>").append(escape(figure.text(c))).append("</td>"));
      html.append("</tr>");
    }
    html.append("</table>");
    final List<String> codes = countries.stream().map(c -> c.country().name()).toList();
    html.append(
        bars(
            "New cases registered per country",
            codes,
            List.of(
                new Series(
                    "new cases", BLUE, countries.stream().map(CountryYear::newCases).toList()))));
    html.append(
        bars(
            "During " + year + ": from complaint to investigation to decision",
            codes,
            List.of(
                new Series(
                    "complaints", BLUE, countries.stream().map(CountryYear::complaints).toList()),
                new Series(
                    "investigations",
                    AMBER,
                    countries.stream().map(CountryYear::investigationsOpened).toList()),
                new Series(
                    "decisions",
                    GREEN,
                    countries.stream()
                        .map(
                            c ->
                                c.decisionsByOutcome().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                        .toList()))));
    html.append(
        bars(
            "Cases registered in " + year + ": refusals, appeals and annulments",
            codes,
            List.of(
                new Series(
                    "refusals",
                    RED,
                    countries.stream().map(c -> c.registered().refusals()).toList()),
                new Series(
                    "appeals",
                    AMBER,
                    countries.stream().map(c -> c.registered().appeals()).toList()),
                new Series(
                    "annulments",
                    GREEN,
                    countries.stream().map(c -> c.registered().annulments()).toList()))));
    html.append(
        bars(
            "Alerts raised per month",
            List.of(MONTHS),
            List.of(
                new Series(
                    "alerts",
                    RED,
                    Arrays.stream(report.alertsPerMonth()).mapToObj(n -> (long) n).toList()))));
    return html.append("</section>").toString();
  }

  private record Bar(String label, double value, String text, String colour) {}

  private static String breakdownChart(
      final String title,
      final String name,
      final Map<String, Long> counts,
      final List<String> order) {
    if (counts.isEmpty()) {
      return "";
    }
    final List<Bar> bars =
        StatementWords.ordered(counts, order).stream()
            .map(
                e ->
                    new Bar(
                        StatementWords.label(e.getKey()),
                        e.getValue(),
                        Long.toString(e.getValue()),
                        BLUE))
            .toList();
    return horizontalBars(title, name, bars);
  }

  /** Awarded and paid side by side per currency, in major units. */
  private static String compensationChart(final RegisteredCases r) {
    final TreeSet<String> currencies =
        new TreeSet<>(r.compensationAwardedMinorByCurrency().keySet());
    currencies.addAll(r.compensationPaidMinorByCurrency().keySet());
    if (currencies.isEmpty()) {
      return "";
    }
    final List<Bar> bars = new ArrayList<>();
    for (final String currency : currencies) {
      final long awarded = r.compensationAwardedMinorByCurrency().getOrDefault(currency, 0L);
      final long paid = r.compensationPaidMinorByCurrency().getOrDefault(currency, 0L);
      bars.add(
          new Bar("awarded, " + currency, awarded, StatementWords.money(awarded, currency), AMBER));
      bars.add(new Bar("paid, " + currency, paid, StatementWords.money(paid, currency), GREEN));
    }
    return horizontalBars("Compensation awarded and paid", "compensation", bars);
  }

  /** A horizontal bar chart as inline SVG: a label, a bar and its value per row. */
  private static String horizontalBars(
      final String title, final String name, final List<Bar> bars) {
    final int width = 600;
    final int labelWidth = 240;
    final int valueWidth = 110;
    final int row = 22;
    final int height = bars.size() * row + 4;
    final double max = Math.max(1, bars.stream().mapToDouble(Bar::value).max().orElse(1));
    final StringBuilder svg =
        new StringBuilder("<figure data-chart=\"")
            .append(escape(name))
            .append("\"><figcaption>")
            .append(escape(title))
            .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(height)
            .append("\" role=\"img\" aria-label=\"")
            .append(escape(title))
            .append("\">");
    for (int i = 0; i < bars.size(); i++) {
      final Bar bar = bars.get(i);
      final double y = i * row + 2;
      final double length = (width - labelWidth - valueWidth) * bar.value() / max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>",
              labelWidth - 6,
              y + 14,
              escape(bar.label())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s:"
                  + " %s</title></rect>",
              labelWidth,
              y + 2,
              length,
              row - 6,
              bar.colour(),
              escape(bar.label()),
              escape(bar.text())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>",
              labelWidth + length + 4,
              y + 14,
              escape(bar.text())));
    }
    return svg.append("</svg></figure>").toString();
  }

  private record Series(String name, String colour, List<Long> values) {}

  /** A grouped bar chart as inline SVG, with a legend and value labels. */
  private static String bars(
      final String title, final List<String> labels, final List<Series> series) {
    final int width = 760;
    final int height = 260;
    final int left = 40;
    final int bottom = 30;
    final long max =
        Math.max(
            1,
            series.stream()
                .flatMap(s -> s.values().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(1));
    final double groupWidth = (width - left) / (double) labels.size();
    final double barWidth = Math.min(40, groupWidth * 0.8 / series.size());
    final StringBuilder svg =
        new StringBuilder("<figure><figcaption>")
            .append(escape(title))
            .append("</figcaption>")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(height + 20)
            .append("\" role=\"img\" aria-label=\"")
            .append(escape(title))
            .append("\">");
    svg.append("<line x1=\"")
        .append(left)
        .append("\" y1=\"")
        .append(height - bottom)
        .append("\" x2=\"")
        .append(width)
        .append("\" y2=\"")
        .append(height - bottom)
        .append("\" stroke=\"#889\"/>");
    for (int i = 0; i < labels.size(); i++) {
      final double groupX = left + i * groupWidth + (groupWidth - barWidth * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        final long value = series.get(s).values().get(i);
        final double barHeight = (height - bottom - 20) * value / (double) max;
        final double x = groupX + s * barWidth;
        final double y = height - bottom - barHeight;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s"
                    + " %s: %d</title></rect>",
                x,
                y,
                barWidth - 2,
                barHeight,
                series.get(s).colour(),
                escape(series.get(s).name()),
                escape(labels.get(i)),
                value));
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
                x + barWidth / 2 - 1,
                y - 3,
                value));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
              left + i * groupWidth + groupWidth / 2,
              height - bottom + 16,
              escape(labels.get(i))));
    }
    for (int s = 0; s < series.size(); s++) {
      svg.append("<rect x=\"")
          .append(left + s * 130)
          .append("\" y=\"")
          .append(height + 4)
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(series.get(s).colour())
          .append("\"/><text x=\"")
          .append(left + s * 130 + 16)
          .append("\" y=\"")
          .append(height + 14)
          .append("\" font-size=\"12\">")
          .append(escape(series.get(s).name()))
          .append("</text>");
    }
    return svg.append("</svg></figure>").toString();
  }

  static String escape(final String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
