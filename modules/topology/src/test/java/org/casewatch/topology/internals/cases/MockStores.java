package org.casewatch.topology.internals.cases;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory stores on a mock processor context, as a task finds its stores on its context. */
final class MockStores {

  private MockStores() {}

  static <K, V> KeyValueStore<K, V> on(
      final MockProcessorContext<?, ?> context,
      final String name,
      final Serde<K> keys,
      final Serde<V> values) {
    final KeyValueStore<K, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
