package org.casewatch.cli;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The one look of casewatch's progress bars: events, total, rate per second and ETA, on stderr. */
final class ProgressBars {

  private ProgressBars() {}

  /** A bar for {@code total} events; drawn nowhere when {@code shown} is false (scripts, logs). */
  static ProgressBar events(final String task, final long total, final boolean shown) {
    final ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(Math.max(total, 1))
            .setUnit(" events", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setUpdateIntervalMillis(200)
            .setStyle(ProgressBarStyle.ASCII)
            .setMaxRenderedLength(100);
    if (!shown) {
      builder.setConsumer(new DelegatingProgressBarConsumer(text -> {}));
    }
    return builder.build();
  }
}
