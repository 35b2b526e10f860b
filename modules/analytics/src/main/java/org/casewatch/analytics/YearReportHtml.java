package org.casewatch.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.casewatch.model.Country;

/**
 * The yearly statement as one self-contained HTML file: styles and charts (inline SVG) inside,
 * nothing fetched, so it can be mailed, archived and opened offline.
 */
final class YearReportHtml {

  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  private YearReportHtml() {}

  static String render(final YearReport report) {
    final StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Torture cases in Central Asia, ")
        .append(report.year()).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733;max-width:70rem}")
        .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.4rem}")
        .append("</style></head><body>");
    html.append("<h1>Torture cases in Central Asia, ").append(report.year()).append("</h1>")
        .append("<p>Figures registered by the Coalitions against Torture, from casewatch as of ")
        .append(escape(YearReport.endOf(report.year()).toString())).append(". Cases are pseudonymous.</p>");
    html.append("<table><tr><th></th>");
    for (final Country country : Country.values()) {
      html.append("<th>").append(country).append("</th>");
    }
    html.append("</tr>");
    for (final Map.Entry<String, List<String>> row : report.rows().entrySet()) {
      html.append("<tr><td>").append(escape(row.getKey())).append("</td>");
      row.getValue().forEach(value -> html.append("<td>").append(escape(value)).append("</td>"));
      html.append("</tr>");
    }
    html.append("</table>");
    final List<YearReport.CountryYear> countries = report.countries();
    html.append(bars("New cases registered per country",
        countries.stream().map(c -> c.country().name()).toList(),
        List.of(new Series("new cases", "#3b6ea5", countries.stream().map(YearReport.CountryYear::newCases).toList()))));
    html.append(bars("From complaint to investigation to decision",
        countries.stream().map(c -> c.country().name()).toList(),
        List.of(new Series("complaints", "#3b6ea5", countries.stream().map(YearReport.CountryYear::complaints).toList()),
            new Series("investigations", "#e0a030", countries.stream().map(YearReport.CountryYear::investigationsOpened).toList()),
            new Series("decisions", "#5a9e6f", countries.stream()
                .map(c -> c.decisionsByOutcome().values().stream().mapToLong(Long::longValue).sum()).toList()))));
    html.append(bars("Alerts raised per month", List.of(MONTHS),
        List.of(new Series("alerts", "#b03a2e", Arrays.stream(report.alertsPerMonth()).mapToObj(n -> (long) n).toList()))));
    return html.append("</body></html>\n").toString();
  }

  private record Series(String name, String colour, List<Long> values) {}

  /** A grouped bar chart as inline SVG, with a legend and value labels. */
  private static String bars(final String title, final List<String> labels, final List<Series> series) {
    final int width = 760;
    final int height = 260;
    final int left = 40;
    final int bottom = 30;
    final long max = Math.max(1, series.stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).max().orElse(1));
    final double groupWidth = (width - left) / (double) labels.size();
    final double barWidth = Math.min(40, groupWidth * 0.8 / series.size());
    final StringBuilder svg = new StringBuilder("<figure><figcaption>").append(escape(title)).append("</figcaption>")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height + 20)
        .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
    svg.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
        .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#889\"/>");
    for (int i = 0; i < labels.size(); i++) {
      final double groupX = left + i * groupWidth + (groupWidth - barWidth * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        final long value = series.get(s).values().get(i);
        final double barHeight = (height - bottom - 20) * value / (double) max;
        final double x = groupX + s * barWidth;
        final double y = height - bottom - barHeight;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
            x, y, barWidth - 2, barHeight, series.get(s).colour(), escape(series.get(s).name()), escape(labels.get(i)), value));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
            x + barWidth / 2 - 1, y - 3, value));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
          left + i * groupWidth + groupWidth / 2, height - bottom + 16, escape(labels.get(i))));
    }
    for (int s = 0; s < series.size(); s++) {
      svg.append("<rect x=\"").append(left + s * 130).append("\" y=\"").append(height + 4).append("\" width=\"12\" height=\"12\" fill=\"")
          .append(series.get(s).colour()).append("\"/><text x=\"").append(left + s * 130 + 16).append("\" y=\"").append(height + 14)
          .append("\" font-size=\"12\">").append(escape(series.get(s).name())).append("</text>");
    }
    return svg.append("</svg></figure>").toString();
  }

  private static String escape(final String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
