package org.casewatch.topology.internals.rules;

import java.util.EnumSet;
import java.util.Set;
import org.casewatch.model.Authority;

/**
 * The authorities that can open a criminal case, so a complaint to them starts the clock of a
 * criminal investigation. The ombudsman, the national preventive mechanism and the UN treaty bodies
 * are a different track: they can recommend, not open a case.
 */
public final class CriminalAuthorities {

  private static final Set<Authority> CAN_OPEN_A_CASE =
      EnumSet.of(
          Authority.PROSECUTOR,
          Authority.INTERNAL_AFFAIRS,
          Authority.NATIONAL_SECURITY_SERVICE,
          Authority.INVESTIGATIVE_COMMITTEE,
          Authority.COURT);

  private CriminalAuthorities() {}

  public static boolean canOpenACriminalCase(final Authority authority) {
    return CAN_OPEN_A_CASE.contains(authority);
  }
}
