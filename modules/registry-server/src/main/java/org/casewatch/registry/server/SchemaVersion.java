package org.casewatch.registry.server;

/**
 * One registered version of a subject, as stored in the log.
 *
 * @param fingerprint SHA-256 of {@code schema}: identifies "the same schema" across subjects
 */
record SchemaVersion(String subject, int version, int id, String schema, String fingerprint) {}
