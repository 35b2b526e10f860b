package org.casewatch.topology.internals.stores;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.casewatch.topology.StreamsSettings;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of a process: one block cache shared by all of them,
 * which also holds their index and filter blocks and is charged with their memtables (through one
 * write-buffer manager), so the total stays {@value #TOTAL_BYTES_CONFIG} however many stores and
 * partitions the process hosts. Without it, each store of each task takes its own 50 MiB cache and
 * up to three 16 MiB memtables: the service's stores over five countries' partitions could ask for
 * gigabytes.
 *
 * <p>Kafka Streams creates a setter per store, so what they share is kept per total in this class;
 * the cache and the manager live as long as the process (a store closing does not close them).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Bytes of off-heap memory all RocksDB stores of the process share, memtables included. */
  public static final String TOTAL_BYTES_CONFIG = StreamsSettings.ROCKSDB_MEMORY_BYTES_CONFIG;

  /** 128 MiB. */
  public static final long DEFAULT_TOTAL_BYTES = 128L << 20;

  /** A quarter of the total may be memtables: the rest caches what is read. */
  static final double WRITE_BUFFER_SHARE = 0.25;

  /** Index and filter blocks go first, into this share of the cache, and are evicted last. */
  private static final double HIGH_PRIORITY_SHARE = 0.1;

  /** Below it, RocksDB would spend its cache on little more than a store's indexes. */
  static final long MIN_TOTAL_BYTES = 16L << 20;

  private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

  /** The cache and the manager the stores of one total share. */
  private record Shared(Cache cache, WriteBufferManager writeBuffers) {}

  @Override
  public void setConfig(
      final String storeName, final Options options, final Map<String, Object> configs) {
    final Shared shared =
        SHARED.computeIfAbsent(
            totalBytes(configs),
            total -> {
              final Cache cache = new LRUCache(total, -1, false, HIGH_PRIORITY_SHARE);
              return new Shared(
                  cache, new WriteBufferManager((long) (total * WRITE_BUFFER_SHARE), cache));
            });
    final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(shared.writeBuffers());
  }

  @Override
  public void close(final String storeName, final Options options) {
    // The cache and the write-buffer manager are shared by every store of the process: they stay
    // open.
  }

  /** The configured total, checked: a number of bytes of at least {@link #MIN_TOTAL_BYTES}. */
  public static long totalBytes(final Map<String, ?> configs) {
    final Object value = configs.get(TOTAL_BYTES_CONFIG);
    if (value == null) {
      return DEFAULT_TOTAL_BYTES;
    }
    final long total;
    try {
      total =
          value instanceof Number number
              ? number.longValue()
              : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          TOTAL_BYTES_CONFIG, value, "a number of bytes, e.g. 134217728 for 128 MiB");
    }
    if (total < MIN_TOTAL_BYTES) {
      throw new ConfigException(
          TOTAL_BYTES_CONFIG,
          value,
          "at least "
              + MIN_TOTAL_BYTES
              + " bytes (16 MiB): "
              + "below that RocksDB's caches hold little more than the stores' indexes");
    }
    return total;
  }
}
