package org.casewatch.topology.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The criminal-code article that punishes torture in a country from a date, as a short code such as
 * {@code CC-146}. Codes change (Kyrgyzstan's article was 305-1, then 143, then 137), so an opening
 * is judged by the article in force on its local date.
 *
 * @param since the first local date the article applies to
 * @param article its code, as InvestigationOpened.legalArticle carries it
 * @param source the law that sets it
 */
public record TortureArticle(LocalDate since, String article, String source) {

  public TortureArticle {
    if (since == null
        || article == null
        || article.isBlank()
        || source == null
        || source.isBlank()) {
      throw new IllegalArgumentException(
          "a torture article needs 'since' (a date), 'article' (a code such as CC-146) and"
              + " 'source'");
    }
  }

  /** The article in force on {@code date}, if one is known. */
  public static Optional<TortureArticle> inForce(
      final List<TortureArticle> articles, final LocalDate date) {
    TortureArticle latest = null;
    for (final TortureArticle entry : articles) {
      if (!entry.since.isAfter(date) && (latest == null || entry.since.isAfter(latest.since))) {
        latest = entry;
      }
    }
    return Optional.ofNullable(latest);
  }

  /**
   * Whether {@code legalArticle} is this article or one of its parts, however the code is written:
   * {@code CC-146}, {@code cc 146}, {@code 146}, {@code CC-146.2}, {@code CC-146 (2)} and {@code
   * CC-146, part 2} are; {@code CC-146-1} and {@code CC-1460} are not.
   */
  public boolean covers(final String legalArticle) {
    final String code = number(legalArticle);
    final String own = number(article);
    if (!code.startsWith(own)) {
      return false;
    }
    final String rest = code.substring(own.length());
    return rest.isEmpty()
        || rest.startsWith(".")
        || rest.startsWith(" ")
        || rest.startsWith("(")
        || rest.startsWith("/")
        || rest.startsWith(",");
  }

  /**
   * The article's number as written, without the code's prefix: "CC-146", "cc 146", "CC–146" and
   * "146" read "146".
   */
  private static String number(final String written) {
    final String code =
        written.trim().toUpperCase(Locale.ROOT).replace('\u2013', '-').replace('\u2014', '-');
    if (!code.startsWith("CC")) {
      return code;
    }
    int start = 2;
    while (start < code.length() && " \t\n\u000B\f\r-".indexOf(code.charAt(start)) >= 0) {
      start++;
    }
    return code.substring(start).trim();
  }
}
