package org.casewatch.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a newest-first list ended: the last item's time and its id (an alert's id, a
 * case's id). The next page starts strictly after it, so pages neither repeat nor skip an item
 * that kept its place. Opaque to clients: they pass back the {@code nextCursor} they were given.
 */
record PageCursor(Instant at, String id) {

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  static PageCursor decode(final String cursor) {
    try {
      final String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
      return new PageCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API gave out; "
          + "pass back the nextCursor of the previous page, or leave cursor out for the first page");
    }
  }

  /** Whether the item at ({@code itemAt}, {@code itemId}) comes after this position, newest first. */
  boolean isBefore(final Instant itemAt, final String itemId) {
    final int byTime = itemAt.compareTo(at);
    return byTime < 0 || byTime == 0 && itemId.compareTo(id) < 0;
  }
}
