package org.casewatch.analytics;

/** Told how far a replay has read its input, for a progress bar. */
@FunctionalInterface
public interface ReplayProgress {

  void read(long events, long total);

  ReplayProgress NONE = (events, total) -> {};
}
