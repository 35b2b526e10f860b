package org.casewatch.topology.internals.rules;

import java.util.function.Supplier;

/** Explanations are written only when read: most findings of a judgement change nothing. */
final class Explanations {

  private Explanations() {}

  /** {@code text}, written the first time it is asked for and then kept. One thread reads it. */
  static Supplier<String> once(final Supplier<String> text) {
    return new Supplier<>() {
      private String written;

      @Override
      public String get() {
        if (written == null) {
          written = text.get();
        }
        return written;
      }
    };
  }
}
