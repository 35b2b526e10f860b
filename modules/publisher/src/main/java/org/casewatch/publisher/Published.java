package org.casewatch.publisher;

/** Where Kafka stored an event. */
public record Published(String eventId, String topic, int partition, long offset) {}
