package org.casewatch.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a page of the audit ended: for each partition of {@code casewatch.audit}, the offset to
 * read on from. Every matching record before it has been given out, so pages neither repeat nor
 * skip a record. Opaque to clients, who pass back the {@code nextCursor} they were given; anything
 * else is refused (400), never read as "from the start".
 */
record AuditCursor(Map<Integer, Long> offsets) {

  private static final String VERSION = "a1.";
  private static final Pattern FORMAT = Pattern.compile("\\d{1,6}:\\d{1,19}(,\\d{1,6}:\\d{1,19})*");

  AuditCursor {
    offsets = Map.copyOf(offsets);
  }

  String encode() {
    final String positions =
        new TreeMap<>(offsets)
            .entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
    return VERSION
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(positions.getBytes(StandardCharsets.US_ASCII));
  }

  static AuditCursor decode(final String cursor) {
    final IllegalArgumentException refused =
        new IllegalArgumentException(
            "cursor '"
                + shown(cursor)
                + "' is not one this API gave out; pass back the nextCursor of the previous page of"
                + " GET /v1/audit, or leave cursor out for the first page");
    if (!cursor.startsWith(VERSION)) {
      throw refused;
    }
    final String positions;
    try {
      positions =
          new String(
              Base64.getUrlDecoder().decode(cursor.substring(VERSION.length())),
              StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw refused;
    }
    if (!FORMAT.matcher(positions).matches()) {
      throw refused;
    }
    final Map<Integer, Long> offsets = new TreeMap<>();
    try {
      // FORMAT leaves no empty field, so a limit of -1 splits exactly as the default did.
      for (final String position : positions.split(",", -1)) {
        final String[] parts = position.split(":", -1);
        if (offsets.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1])) != null) {
          throw refused;
        }
      }
    } catch (NumberFormatException e) {
      throw refused;
    }
    return new AuditCursor(offsets);
  }

  private static String shown(final String cursor) {
    return cursor.length() <= 80 ? cursor : cursor.substring(0, 80) + "...";
  }
}
