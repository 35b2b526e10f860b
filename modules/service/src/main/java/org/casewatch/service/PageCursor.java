package org.casewatch.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of a newest-first list ended: the last item's time and its id (an alert's id, a
 * case's id). The next page starts strictly after it, so pages neither repeat nor skip an item that
 * kept its place. Opaque to clients: they pass back the {@code nextCursor} they were given.
 */
record PageCursor(Instant at, String id) {

  /** What a cursor holds once decoded: {@code millis:id}, the id an alert's UUID or a caseId. */
  private static final Pattern DECODED = Pattern.compile("(-?\\d{1,15}):([A-Za-z0-9-]{1,64})");

  private static final int MAX_LENGTH = 200;

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a {@code nextCursor} names: a time in milliseconds from 1970 and an alert's or a
   * case's id. Anything else is refused (400) rather than read as some other page.
   */
  static PageCursor decode(final String cursor) {
    final Matcher parts = cursor.length() > MAX_LENGTH ? null : DECODED.matcher(decoded(cursor));
    if (parts == null || !parts.matches()) {
      throw new IllegalArgumentException(
          "cursor '"
              + (cursor.length() > 80 ? cursor.substring(0, 80) + "…" : cursor)
              + "' is not one this API gave out; pass back the nextCursor of the previous page, or"
              + " leave cursor out for the first page");
    }
    return new PageCursor(Instant.ofEpochMilli(Long.parseLong(parts.group(1))), parts.group(2));
  }

  private static String decoded(final String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * Whether the item at ({@code itemAt}, {@code itemId}) comes after this position, newest first.
   */
  boolean isBefore(final Instant itemAt, final String itemId) {
    final int byTime = itemAt.compareTo(at);
    return byTime < 0 || (byTime == 0 && itemId.compareTo(id) < 0);
  }
}
