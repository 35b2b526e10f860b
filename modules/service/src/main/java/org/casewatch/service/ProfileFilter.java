package org.casewatch.service;

import java.util.Set;
import org.casewatch.model.Agency;
import org.casewatch.model.Allegation;
import org.casewatch.model.CaseState;

/**
 * The filters on what a case's registration says — what is alleged ({@code allegation=}), the
 * agency of the alleged perpetrators ({@code agency=}) and the victim's group ({@code
 * victimProfile=}) — shared by {@code GET /v1/alerts} and {@code GET /v1/cases}. Several values of
 * one filter match any of them; filters together must all match. A case whose state does not say
 * (not registered yet) matches no filter that is set.
 */
record ProfileFilter(
    Set<Allegation> allegations, Set<Agency> agencies, Set<VictimGroup> victimGroups) {

  static final String ALLEGATION = "allegation";
  static final String AGENCY = "agency";
  static final String VICTIM_PROFILE = "victimProfile";

  ProfileFilter {
    allegations = Set.copyOf(allegations);
    agencies = Set.copyOf(agencies);
    victimGroups = Set.copyOf(victimGroups);
  }

  static ProfileFilter from(final QueryParameters parameters) {
    return new ProfileFilter(
        parameters.symbols(ALLEGATION, Allegation.class),
        parameters.symbols(AGENCY, Agency.class),
        parameters.symbols(VICTIM_PROFILE, VictimGroup.class));
  }

  /** True when no filter is set: every case matches, and no case state needs to be read. */
  boolean isEmpty() {
    return allegations.isEmpty() && agencies.isEmpty() && victimGroups.isEmpty();
  }

  /**
   * Whether the case's state passes every filter set (immutable sets refuse to look up null:
   * checked first).
   */
  boolean matches(final CaseState state) {
    return (allegations.isEmpty()
            || (state.getAllegation() != null && allegations.contains(state.getAllegation())))
        && (agencies.isEmpty()
            || (state.getPerpetratorAgency() != null
                && agencies.contains(state.getPerpetratorAgency())))
        && (victimGroups.isEmpty()
            || VictimGroup.of(state.getVictim()).stream().anyMatch(victimGroups::contains));
  }

  /**
   * The filters as query parameters for another instance ({@code &name=A,B} each; nothing when
   * empty).
   */
  String encode() {
    return QueryParameters.encode(ALLEGATION, allegations)
        + QueryParameters.encode(AGENCY, agencies)
        + QueryParameters.encode(VICTIM_PROFILE, victimGroups);
  }
}
