package org.casewatch.analytics;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * A replay's results kept off the heap: each task's records are sorted and written to a file of
 * their own (a run, memory-mapped and unlinked at once, so nothing is left behind on disk), and
 * {@link #merged()} is one sorted, read-only list over every run whose records are decoded when
 * read. The heap holds 8 bytes per record (which run, where in it) instead of the record: a
 * million-event history has over a million alerts, each with its explanation.
 *
 * <p>Records are Avro single-object encoded, each behind its length. A run grows past {@link
 * #RUN_BYTES} into the next file, which is sorted too, so no mapping exceeds what one buffer can
 * address.
 */
final class SpilledRecords<T extends SpecificRecord> {

  /** The most one run's file holds. */
  static final int RUN_BYTES = 1 << 30;

  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final Comparator<T> order;
  private final Function<T, String> identity;
  private final int runBytes;
  private final List<ByteBuffer> runs = new ArrayList<>();
  private final Set<String> repeating = new HashSet<>();

  /**
   * @param order the order of the merged list
   * @param identity what makes two records the same one (a caseId, an alertId): of those, the one
   *     added last is kept, as a map would
   */
  SpilledRecords(
      final BinaryMessageEncoder<T> encoder,
      final BinaryMessageDecoder<T> decoder,
      final Comparator<T> order,
      final Function<T, String> identity) {
    this(encoder, decoder, order, identity, RUN_BYTES);
  }

  SpilledRecords(
      final BinaryMessageEncoder<T> encoder,
      final BinaryMessageDecoder<T> decoder,
      final Comparator<T> order,
      final Function<T, String> identity,
      final int runBytes) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.order = order;
    this.identity = identity;
    this.runBytes = runBytes;
  }

  /**
   * Sorts {@code records} and writes them out; the caller may drop them then. {@code repeating} are
   * the identities of records an earlier call may have added too (usually none): only they are
   * looked for twice when the runs are merged.
   */
  void add(final Collection<T> records, final Set<String> repeating) {
    this.repeating.addAll(repeating);
    if (records.isEmpty()) {
      return;
    }
    final List<T> sorted = new ArrayList<>(records);
    sorted.sort(order);
    final ByteArrayOutputStream encoded = new ByteArrayOutputStream(1024);
    Path file = null;
    DataOutputStream out = null;
    long written = 0;
    try {
      for (final T record : sorted) {
        encoded.reset();
        encoder.encode(record, encoded);
        if (out != null && written + Integer.BYTES + encoded.size() > runBytes) {
          out.close();
          out = null;
          runs.add(mapAndUnlink(file));
          file = null;
        }
        if (out == null) {
          file = Files.createTempFile("casewatch-replay-", ".run");
          out =
              new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
          written = 0;
        }
        out.writeInt(encoded.size());
        encoded.writeTo(out);
        written += Integer.BYTES + encoded.size();
      }
      out.close();
      out = null;
      runs.add(mapAndUnlink(file));
    } catch (IOException | RuntimeException e) {
      closeQuietly(out);
      if (file != null) {
        file.toFile().delete();
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "could not write replay results to a temporary file (is the temporary "
                + "directory full? java.io.tmpdir="
                + System.getProperty("java.io.tmpdir")
                + ")",
            io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Every record added, in order, merged from the runs; records equal in order keep the order they
   * were added in, and of records with the same identity the one added last is kept.
   */
  List<T> merged() {
    final PriorityQueue<Head> heads =
        new PriorityQueue<>(
            Comparator.<Head, T>comparing(head -> head.record, order)
                .thenComparingInt(head -> head.run));
    for (int run = 0; run < runs.size(); run++) {
      final Head head = new Head(run, 0);
      if (head.read()) {
        heads.add(head);
      }
    }
    int size = 0;
    int[] runOf = new int[1024];
    int[] offsetOf = new int[1024];
    final Map<String, Integer> seen = new HashMap<>();
    final BitSet replaced = new BitSet();
    while (!heads.isEmpty()) {
      final Head head = heads.poll();
      boolean kept = true;
      if (!repeating.isEmpty()) {
        final String id = identity.apply(head.record);
        if (repeating.contains(id)) {
          final Integer earlier = seen.get(id);
          if (earlier != null && runOf[earlier] > head.run) {
            kept = false;
          } else {
            if (earlier != null) {
              replaced.set(earlier);
            }
            seen.put(id, size);
          }
        }
      }
      if (kept) {
        if (size == runOf.length) {
          runOf = Arrays.copyOf(runOf, size * 2);
          offsetOf = Arrays.copyOf(offsetOf, size * 2);
        }
        runOf[size] = head.run;
        offsetOf[size] = head.offset;
        size++;
      }
      head.offset = head.next;
      if (head.read()) {
        heads.add(head);
      }
    }
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!replaced.get(i)) {
        runOf[kept] = runOf[i];
        offsetOf[kept] = offsetOf[i];
        kept++;
      }
    }
    return new Records<>(
        List.copyOf(runs), decoder, Arrays.copyOf(runOf, kept), Arrays.copyOf(offsetOf, kept));
  }

  /** The next record of one run during the merge. */
  private final class Head {
    private final int run;
    private int offset;
    private int next;
    private T record;

    Head(final int run, final int offset) {
      this.run = run;
      this.offset = offset;
    }

    /** Decodes the record at {@link #offset}; false at the end of the run. */
    boolean read() {
      final ByteBuffer buffer = runs.get(run);
      if (offset >= buffer.limit()) {
        return false;
      }
      final int length = buffer.getInt(offset);
      record = decode(decoder, buffer, offset, length);
      next = offset + Integer.BYTES + length;
      return true;
    }
  }

  /** The merged runs as a list: each get decodes its record afresh. */
  static final class Records<R> extends AbstractList<R> implements RandomAccess {
    private final List<ByteBuffer> runs;
    private final BinaryMessageDecoder<R> decoder;
    private final int[] runOf;
    private final int[] offsetOf;

    private Records(
        final List<ByteBuffer> runs,
        final BinaryMessageDecoder<R> decoder,
        final int[] runOf,
        final int[] offsetOf) {
      this.runs = runs;
      this.decoder = decoder;
      this.runOf = runOf;
      this.offsetOf = offsetOf;
    }

    @Override
    public R get(final int index) {
      final ByteBuffer buffer = runs.get(runOf[index]);
      final int offset = offsetOf[index];
      return decode(decoder, buffer, offset, buffer.getInt(offset));
    }

    @Override
    public int size() {
      return runOf.length;
    }

    /** A part of the list, still off the heap. */
    @Override
    public List<R> subList(final int from, final int to) {
      Objects.checkFromToIndex(from, to, size());
      return new Records<>(
          runs,
          decoder,
          Arrays.copyOfRange(runOf, from, to),
          Arrays.copyOfRange(offsetOf, from, to));
    }
  }

  private static <R> R decode(
      final BinaryMessageDecoder<R> decoder,
      final ByteBuffer run,
      final int offset,
      final int length) {
    try {
      return decoder.decode(
          run.duplicate().position(offset + Integer.BYTES).limit(offset + Integer.BYTES + length));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read back a replay result written a moment ago", e);
    }
  }

  private static MappedByteBuffer mapAndUnlink(final Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    } finally {
      // The mapping outlives the file's name; the space is freed once the mapping is collected.
      if (!file.toFile().delete()) {
        file.toFile().deleteOnExit();
      }
    }
  }

  private static void closeQuietly(final OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one reported.
      }
    }
  }
}
