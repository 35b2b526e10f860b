package org.casewatch.service;

import java.util.EnumSet;
import java.util.Set;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Sex;
import org.casewatch.model.VictimProfile;

/**
 * The groups of victims coordinators follow apart, read from the registration's non-identifying
 * profile: minors, women, and people returned or extradited from abroad (whom, in Uzbekistan
 * especially, security officers torture to make them confess). A victim may be in several.
 */
enum VictimGroup {

  /** Age band UNDER_18. */
  MINOR,
  /** Sex FEMALE. */
  WOMAN,
  /** Returned or extradited from abroad. */
  RETURNEE;

  /** The groups {@code victim} belongs to; none for a case not (yet) registered. */
  static Set<VictimGroup> of(final VictimProfile victim) {
    final Set<VictimGroup> groups = EnumSet.noneOf(VictimGroup.class);
    if (victim == null) {
      return groups;
    }
    if (victim.getAgeBand() == AgeBand.UNDER_18) {
      groups.add(MINOR);
    }
    if (victim.getSex() == Sex.FEMALE) {
      groups.add(WOMAN);
    }
    if (victim.getReturnedFromAbroad()) {
      groups.add(RETURNEE);
    }
    return groups;
  }
}
