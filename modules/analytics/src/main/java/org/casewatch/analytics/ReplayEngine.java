package org.casewatch.analytics;

/**
 * How a replay runs the case logic over the event topics.
 *
 * <ul>
 *   <li>{@link #MEMORY}: plain consumers (no group, no commits, no topics of its own) feed the pure
 *       case core on heap objects, one task at a time: the default.
 *   <li>{@link #STREAMS}: the Kafka Streams topology in REPLAY mode under an application id of its
 *       own; the reference the in-memory engine is checked against, kept for one release.
 * </ul>
 */
public enum ReplayEngine {
  MEMORY,
  STREAMS
}
