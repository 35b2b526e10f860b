package org.casewatch.topology;

import org.apache.kafka.common.serialization.Serde;

/** A topic bound to the serdes of its keys and values, so no step can pick the wrong ones. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
