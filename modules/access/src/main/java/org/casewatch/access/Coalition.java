package org.casewatch.access;

import org.casewatch.model.Country;

/**
 * A coalition's case system, as its token identifies it: it may publish its own country's events
 * only.
 */
public record Coalition(String id, Country country) {}
