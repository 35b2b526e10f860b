package org.casewatch.analytics;

import java.time.Instant;
import java.util.Map;
import org.casewatch.topology.rules.Rules;

/**
 * What to replay and where.
 *
 * @param asOf state, figures and alerts as of this instant; later events are left out
 * @param rules the rule table to judge with (the defaults, or a what-if table)
 * @param inputPrefix prefix of the event topics to read (empty: the live ones)
 * @param engine how the case logic is run over the topics ({@link ReplayEngine#MEMORY} unless
 *     asked)
 * @param asKnownAt when set, only what casewatch knew then: records that arrived (the broker's
 *     timestamp, stamped on append) after it are left out, as if the replay ran at that instant;
 *     the in-memory engine only
 * @param threads how many tasks the in-memory engine replays at once; 0 (the default) chooses: one
 *     per processor, as many as the heap holds ({@link #threadsFor}), at least one
 */
public record ReplayOptions(
    String bootstrapServers,
    String registryUrl,
    Instant asOf,
    Rules rules,
    String inputPrefix,
    Map<String, Object> kafkaProperties,
    ReplayEngine engine,
    Instant asKnownAt,
    int threads) {

  /**
   * The heap the automatic choice of {@link #threads} allows per record of a task replayed at once,
   * per rule table: a million-event history's task of 167,500 records took less than half of a 1
   * GiB heap.
   */
  public static final long HEAP_PER_RECORD_BYTES = 2048;

  public ReplayOptions {
    kafkaProperties = Map.copyOf(kafkaProperties);
    engine = engine == null ? ReplayEngine.MEMORY : engine;
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (automatic) or more, not " + threads);
    }
  }

  /** Options with the threads chosen automatically. */
  public ReplayOptions(
      final String bootstrapServers,
      final String registryUrl,
      final Instant asOf,
      final Rules rules,
      final String inputPrefix,
      final Map<String, Object> kafkaProperties,
      final ReplayEngine engine,
      final Instant asKnownAt) {
    this(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        engine,
        asKnownAt,
        0);
  }

  /** Options with every record, as known now. */
  public ReplayOptions(
      final String bootstrapServers,
      final String registryUrl,
      final Instant asOf,
      final Rules rules,
      final String inputPrefix,
      final Map<String, Object> kafkaProperties,
      final ReplayEngine engine) {
    this(bootstrapServers, registryUrl, asOf, rules, inputPrefix, kafkaProperties, engine, null);
  }

  /** Options for the default engine. */
  public ReplayOptions(
      final String bootstrapServers,
      final String registryUrl,
      final Instant asOf,
      final Rules rules,
      final String inputPrefix,
      final Map<String, Object> kafkaProperties) {
    this(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        ReplayEngine.MEMORY);
  }

  /** The same replay on {@code other}. */
  public ReplayOptions on(final ReplayEngine other) {
    return new ReplayOptions(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        other,
        asKnownAt,
        threads);
  }

  /** The same replay judged by {@code other} rules. */
  public ReplayOptions with(final Rules other) {
    return new ReplayOptions(
        bootstrapServers,
        registryUrl,
        asOf,
        other,
        inputPrefix,
        kafkaProperties,
        engine,
        asKnownAt,
        threads);
  }

  /** The same replay with only the records that had arrived by {@code instant}. */
  public ReplayOptions knownAt(final Instant instant) {
    return new ReplayOptions(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        engine,
        instant,
        threads);
  }

  /** The same replay with {@code count} tasks at once (0: chosen automatically). */
  public ReplayOptions withThreads(final int count) {
    return new ReplayOptions(
        bootstrapServers,
        registryUrl,
        asOf,
        rules,
        inputPrefix,
        kafkaProperties,
        engine,
        asKnownAt,
        count);
  }

  /**
   * The tasks the in-memory engine replays at once: {@link #threads} when set, else one per
   * processor, but no more than the heap holds when each task replayed at once takes {@value
   * #HEAP_PER_RECORD_BYTES} bytes per record of the largest task for each rule table; never more
   * than the tasks, never fewer than one.
   *
   * @param largestTask the records of the largest task
   * @param tables the rule tables replayed in the same pass
   */
  int threadsFor(final int tasks, final long largestTask, final int tables) {
    final double perTask =
        (double) Math.max(1, largestTask) * HEAP_PER_RECORD_BYTES * Math.max(1, tables);
    final long chosen =
        threads > 0
            ? threads
            : Math.min(
                Runtime.getRuntime().availableProcessors(),
                (long) (Runtime.getRuntime().maxMemory() / perTask));
    return (int) Math.max(1, Math.min(chosen, tasks));
  }
}
