package org.casewatch.gateway;

import java.util.ArrayList;
import java.util.List;
import org.casewatch.model.CaseEventValidator.Violation;

/**
 * Keeps an answer small whatever was sent: at most {@link #MAX_ERRORS} errors are listed in all
 * (the first ones, in the order of the events), each field name and message cut to {@link
 * #MAX_FIELD} and {@link #MAX_MESSAGE} characters, and at most {@link #MAX_ERROR_CHARS} characters
 * of errors in all; a rejected event past the budget is answered by its index and status only. A
 * 1,000-event batch of invalid events is so answered in under 64 KiB; the answer counts the errors
 * it leaves out. Without it a 5 MiB body of unknown fields was answered with 88.7 MB of errors.
 */
final class ErrorBudget {

  /** The most errors one answer lists. */
  static final int MAX_ERRORS = 100;

  /** The longest field name an error repeats (an unknown field's name comes from the request). */
  static final int MAX_FIELD = 64;

  /** The longest message of one error. */
  static final int MAX_MESSAGE = 300;

  /**
   * The most bytes the listed errors and their events' ids take together once written as JSON (a
   * control character takes six, {@code \u0001}).
   */
  static final int MAX_ERROR_CHARS = 48 * 1024;

  /** Roughly what JSON adds around one error: keys, quotes, commas. */
  private static final int ERROR_OVERHEAD = 36;

  private ErrorBudget() {}

  /**
   * The answer for {@code results}, listing the first {@link #MAX_ERRORS} errors and counting the
   * rest.
   */
  static EventsResponse answer(final EventResult[] results) {
    final List<EventResult> listed = new ArrayList<>(results.length);
    int budget = MAX_ERRORS;
    int chars = MAX_ERROR_CHARS;
    int notListed = 0;
    for (final EventResult result : results) {
      if (result.errors() == null) {
        listed.add(result);
        continue;
      }
      final List<Violation> errors = new ArrayList<>();
      final int eventIdSize = length(result.eventId()) + ERROR_OVERHEAD;
      for (final Violation error : result.errors()) {
        final Violation shortened =
            new Violation(
                abbreviate(error.field(), MAX_FIELD),
                error.rule(),
                abbreviate(error.message(), MAX_MESSAGE));
        final int size =
            length(shortened.field())
                + length(shortened.rule())
                + length(shortened.message())
                + ERROR_OVERHEAD
                + (errors.isEmpty() ? eventIdSize : 0);
        if (budget > 0 && size <= chars) {
          errors.add(shortened);
          budget--;
          chars -= size;
        } else {
          budget = 0;
          notListed++;
        }
      }
      if (!errors.isEmpty()) {
        listed.add(
            new EventResult(
                result.index(),
                result.eventId(),
                result.status(),
                result.topic(),
                result.partition(),
                result.offset(),
                errors));
      }
    }
    return EventsResponse.of(List.of(results), listed, notListed);
  }

  /**
   * What {@code text} takes in the answer's JSON, at most: escaped control characters six bytes,
   * others UTF-8.
   */
  private static int length(final String text) {
    if (text == null) {
      return 0;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      bytes += c < 0x20 || c == '"' || c == '\\' ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }

  /** {@code text}, cut to {@code max} characters with "..." if longer. */
  static String abbreviate(final String text, final int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
