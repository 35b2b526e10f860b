package org.casewatch.faults;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Figures compared with the truth: cases missing from the counts, cases counted more than once, and
 * every figure that differs (amounts included), as {@code KZ casesRegistered: truth 412, casewatch
 * 413}.
 */
public record FigureCheck(long countsLost, long countsDoubled, List<String> differences) {

  public FigureCheck {
    differences = List.copyOf(differences);
  }

  static FigureCheck of(final Map<String, Long> truth, final Map<String, Long> figures) {
    long lost = 0;
    long doubled = 0;
    final List<String> differences = new ArrayList<>();
    final Set<String> keys = new HashSet<>(truth.keySet());
    keys.addAll(figures.keySet());
    for (final String key : new TreeSet<>(keys)) {
      final long expected = truth.getOrDefault(key, 0L);
      final long actual = figures.getOrDefault(key, 0L);
      if (expected != actual) {
        differences.add(key + ": truth " + expected + ", casewatch " + actual);
        if (!key.contains(IndependentFold.AMOUNTS)) {
          lost += Math.max(0, expected - actual);
          doubled += Math.max(0, actual - expected);
        }
      }
    }
    return new FigureCheck(lost, doubled, differences);
  }

  public boolean exact() {
    return differences.isEmpty();
  }
}
