package org.casewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.casewatch.model.CaseEvent;
import org.casewatch.simulation.Histories;
import org.casewatch.testkit.CaseEvents;
import org.casewatch.topology.TaskReplay;
import org.casewatch.topology.deadletters.Decoded;
import org.casewatch.topology.rules.RuleBook;
import org.casewatch.topology.rules.RulesFile;

/**
 * The case logic alone, without Kafka: the replay benchmark's history of long cases fed, already
 * decoded, to one {@link TaskReplay} per partition, as the in-memory replay feeds it. What the
 * replay engine can reach at most on this machine; the replay benchmark measures the whole.
 * Arguments: {@code cases partitions rounds}; the first rounds warm the JIT, the last is printed.
 */
public final class CaseCoreBenchmark {

  private static final Instant START = CaseEvents.on("2016-01-01");

  /**
   * The tasks' cases and alerts, counted and digested in a stable order: a change that makes the
   * core faster must leave it as it was.
   */
  private static String digest(final List<TaskReplay> tasks) {
    final TreeMap<String, String> all = new TreeMap<>();
    for (final TaskReplay task : tasks) {
      task.cases().forEach((caseId, state) -> all.put("case " + caseId, state.toString()));
      task.alerts().forEach((alertId, alert) -> all.put("alert " + alertId, alert.toString()));
    }
    final long alerts = all.keySet().stream().filter(key -> key.startsWith("alert ")).count();
    try {
      final MessageDigest sha = MessageDigest.getInstance("SHA-256");
      all.forEach(
          (key, value) -> {
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update(value.getBytes(StandardCharsets.UTF_8));
          });
      return String.format(
          "%,d cases, %,d alerts, digest %s",
          all.size() - alerts, alerts, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The heap a task holds once it has had its records and before it ends (what a replay worker
   * holds per task as it goes), measured after full collections.
   */
  private static long heldBy(
      final List<Decoded> records, final RuleBook rules, final Instant asOf) {
    final Runtime runtime = Runtime.getRuntime();
    collect();
    final long before = runtime.totalMemory() - runtime.freeMemory();
    final TaskReplay task = new TaskReplay(rules, asOf, Instant.now());
    records.forEach(task::accept);
    collect();
    final long held = runtime.totalMemory() - runtime.freeMemory() - before;
    Reference.reachabilityFence(task);
    return held;
  }

  private static void collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  public static void main(final String[] args) {
    final int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    final List<CaseEvent> history = Histories.longCases(42, cases, START);
    final List<List<Decoded>> tasks = new ArrayList<>();
    for (int task = 0; task < partitions; task++) {
      tasks.add(new ArrayList<>());
    }
    // Arrivals a millisecond apart, as a producer writing the history in one go stamps them.
    long arrival = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (final CaseEvent event : history) {
      final int task = Math.floorMod(event.getCaseId().hashCode(), partitions);
      tasks
          .get(task)
          .add(new Decoded.Valid(event, Instant.ofEpochMilli(arrival++ / 10), null, null));
    }
    final RuleBook rules = new RuleBook(RulesFile.defaults());
    final Instant asOf = history.get(history.size() - 1).getOccurredAt();
    // Wall time moves with whatever else the machine runs; the thread's own CPU time and the bytes
    // it allocated much less, so changes a few percent apart can be told apart.
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    final long thread = Thread.currentThread().getId();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    long leastAllocated = Long.MAX_VALUE;
    for (int round = 1; round <= rounds; round++) {
      final long cpuBegan = threads.getThreadCpuTime(thread);
      final long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      final long began = System.nanoTime();
      final List<TaskReplay> done = new ArrayList<>();
      for (final List<Decoded> records : tasks) {
        final TaskReplay task = new TaskReplay(rules, asOf, Instant.now());
        records.forEach(task::accept);
        task.finish();
        task.cases();
        done.add(task);
      }
      final double seconds = (System.nanoTime() - began) / 1e9;
      final double cpu = (threads.getThreadCpuTime(thread) - cpuBegan) / 1e9;
      final long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
      best = Math.min(best, seconds);
      bestCpu = Math.min(bestCpu, cpu);
      leastAllocated = Math.min(leastAllocated, allocated);
      System.out.printf(
          "round %d: %,d events in %.2f s (%.2f s of CPU): %,.0f events/s, %,d bytes allocated"
              + " per event; %s%n",
          round,
          history.size(),
          seconds,
          cpu,
          history.size() / seconds,
          allocated / history.size(),
          digest(done));
    }
    System.out.printf(
        "heap held by one task of %,d events after its last record, before it ends, after a"
            + " collection: %,d MB%n",
        tasks.get(0).size(), heldBy(tasks.get(0), rules, asOf) >> 20);
    System.out.printf(
        "best of %d rounds: %.2f s, %,.0f events/s; least CPU %.2f s; least allocated %,d bytes"
            + " per event%n",
        rounds, best, history.size() / best, bestCpu, leastAllocated / history.size());
  }
}
