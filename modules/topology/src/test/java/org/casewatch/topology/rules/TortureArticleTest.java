package org.casewatch.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TortureArticleTest {

  private static final TortureArticle CC_146 =
      new TortureArticle(LocalDate.of(2015, 1, 1), "CC-146", "CC 2014");

  @Test
  void theArticleAndItsPartsAreCoveredHoweverWritten() {
    for (final String written :
        List.of(
            "CC-146",
            "cc 146",
            "146",
            "CC-146.2",
            "CC-146 (2)",
            "CC-146, part 2",
            "CC\u2013146",
            " CC - 146 ",
            "CC\t146/1")) {
      assertThat(CC_146.covers(written)).as(written).isTrue();
    }
  }

  @Test
  void otherArticlesAreNot() {
    for (final String written : List.of("CC-146-1", "CC-1460", "CC-14", "CC-347", "XCC-146", "")) {
      assertThat(CC_146.covers(written)).as(written).isFalse();
    }
  }

  @Test
  void theArticleInForceIsTheLatestThatHadStartedAndTheFirstListedOfATie() {
    final TortureArticle older =
        new TortureArticle(LocalDate.of(2004, 1, 1), "CC-305-1", "CC 2003");
    final TortureArticle tie = new TortureArticle(LocalDate.of(2015, 1, 1), "CC-143", "other");
    final List<TortureArticle> articles = List.of(older, CC_146, tie);
    assertThat(TortureArticle.inForce(articles, LocalDate.of(2003, 12, 31))).isEmpty();
    assertThat(TortureArticle.inForce(articles, LocalDate.of(2014, 12, 31))).contains(older);
    assertThat(TortureArticle.inForce(articles, LocalDate.of(2015, 1, 1))).contains(CC_146);
  }
}
