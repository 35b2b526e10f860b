package org.casewatch.model;

/**
 * Sums of money in minor units (tiyn, tyiyn, diram) that cannot overflow: each amount is bounded by
 * {@link CaseEventValidator#MAX_AMOUNT_MINOR}, but a country's or a year's total adds up many of
 * them, and a wrapped-around total would show a negative sum of compensation. A sum beyond the
 * range of a long stays at its end instead.
 */
public final class MinorUnits {

  private MinorUnits() {}

  /** {@code a + b}, saturating at {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}. */
  public static long add(final long a, final long b) {
    final long sum = a + b;
    // Overflow only when both operands have the same sign and the sum's sign differs.
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /** As {@link #add}, as a {@code Map.merge} function. */
  public static Long sum(final Long a, final Long b) {
    return add(a, b);
  }
}
