package org.casewatch.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a fault run found: how many events went in and were acknowledged, each fault with how long
 * casewatch took to be ready again, and every difference between what casewatch says and the truth.
 * A run passes when there is no difference at all.
 */
public record FaultReport(
    int events,
    int acknowledged,
    long answersUnavailable,
    long answersWithoutRetryAfter,
    long requestsUnanswered,
    List<Recovery> recoveries,
    List<String> lost,
    long duplicatesInTopics,
    long deadLetters,
    List<String> caseDifferences,
    FigureCheck figures,
    Map<String, FigureCheck> variants,
    int alertsLive,
    int alertsReplayed,
    List<String> alertDifferences,
    Map<String, Map<String, Integer>> repeatedStackTraces,
    List<Long> casesCountedWhileBrokerDown,
    List<Integer> acknowledgedWhileBrokerDown,
    List<Integer> gatewayReadinessWhileRegistryDown,
    Duration settled,
    Duration took) {

  /**
   * One fault: what, when (from the start of ingest) and how long until every instance was ready
   * again.
   */
  public record Recovery(String fault, Duration at, Duration ready, int acknowledgedBefore) {}

  public boolean exact() {
    return lost.isEmpty()
        && deadLetters == 0
        && caseDifferences.isEmpty()
        && figures.exact()
        && alertDifferences.isEmpty()
        && acknowledged == events;
  }

  public Duration slowestRecovery() {
    return recoveries.stream()
        .map(Recovery::ready)
        .max(Comparator.naturalOrder())
        .orElse(Duration.ZERO);
  }

  /** Median and maximum recovery of each kind of fault, as a Markdown table. */
  public String recoveryTable() {
    final StringBuilder table =
        new StringBuilder("| fault | count | ready again: median | max |\n|---|---:|---:|---:|\n");
    recoveries.stream()
        .map(Recovery::fault)
        .distinct()
        .forEach(
            kind -> {
              final List<Duration> times =
                  new ArrayList<>(
                      recoveries.stream()
                          .filter(r -> r.fault().equals(kind))
                          .map(Recovery::ready)
                          .sorted()
                          .toList());
              table.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %d | %.1f s | %.1f s |%n",
                      kind,
                      times.size(),
                      seconds(median(times)),
                      seconds(times.get(times.size() - 1))));
            });
    return table.toString();
  }

  private static Duration median(final List<Duration> sorted) {
    final int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  private static double seconds(final Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** The whole report, as printed after a run. */
  public String summary() {
    final StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "events %d, acknowledged %d, faults %d, took %.0f s, settled %.1f s after ingest%n",
            events,
            acknowledged,
            recoveries.size(),
            seconds(took),
            seconds(settled)));
    out.append(
        String.format(
            Locale.ROOT,
            "gateway answers to retry (503/429) %d (without Retry-After %d), requests "
                + "unanswered %d%n",
            answersUnavailable,
            answersWithoutRetryAfter,
            requestsUnanswered));
    recoveries.forEach(
        r ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "  at %6.1f s  %-38s ready again after %5.1f s (%,d of %,d events acknowledged"
                        + " before)%n",
                    seconds(r.at()),
                    r.fault(),
                    seconds(r.ready()),
                    r.acknowledgedBefore(),
                    events)));
    out.append(recoveryTable());
    if (!casesCountedWhileBrokerDown.isEmpty()) {
      out.append("while one broker was down: events acknowledged ")
          .append(acknowledgedWhileBrokerDown)
          .append(", new cases counted from 10 s after its kill ")
          .append(casesCountedWhileBrokerDown)
          .append('\n');
    }
    if (!gatewayReadinessWhileRegistryDown.isEmpty()) {
      out.append("a gateway started while the registry was down answered /health/ready with ")
          .append(gatewayReadinessWhileRegistryDown)
          .append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "lost %d, double-counted %d (cases over all figures), acknowledged events "
                + "missing from the topics %d, copies in the topics deduplicated %d%n",
            figures.countsLost(),
            figures.countsDoubled(),
            lost.size(),
            duplicatesInTopics));
    out.append(
        String.format(
            Locale.ROOT,
            "dead letters %d (every event sent is good); cases whose events, complaints "
                + "or reprisals differ from the truth %d%n",
            deadLetters,
            caseDifferences.size()));
    caseDifferences.stream().limit(20).forEach(d -> out.append("  case ").append(d).append('\n'));
    out.append(
        String.format(
            Locale.ROOT,
            "alerts live %d, replayed %d, differing %d%n",
            alertsLive,
            alertsReplayed,
            alertDifferences.size()));
    figures.differences().stream()
        .limit(20)
        .forEach(d -> out.append("  figure ").append(d).append('\n'));
    variants.forEach(
        (variant, check) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "variant %s: lost %d, double-counted %d, figures differing %d%n",
                    variant,
                    check.countsLost(),
                    check.countsDoubled(),
                    check.differences().size())));
    alertDifferences.stream().limit(20).forEach(d -> out.append("  alert ").append(d).append('\n'));
    lost.stream().limit(20).forEach(d -> out.append("  lost ").append(d).append('\n'));
    repeatedStackTraces.forEach(
        (process, traces) ->
            traces.forEach(
                (trace, times) ->
                    out.append("  ")
                        .append(process)
                        .append(": stack trace ")
                        .append(times)
                        .append("x: ")
                        .append(trace)
                        .append('\n')));
    out.append(exact() ? "EXACT\n" : "NOT EXACT\n");
    return out.toString();
  }
}
