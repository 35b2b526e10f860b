package org.casewatch.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Everything logged with a stack trace while it is attached to the root logger (at the level the
 * test configuration lets through, WARN), counted by stack: the exception's class and its top
 * frames. Counts rather than keeps the events, so a log that loops for ever fails a test instead of
 * filling the test's heap.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final int TOP_FRAMES = 6;
  private static final int SAMPLES = 20;

  private final Map<String, AtomicInteger> stacks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();
  private final List<String> samples = new CopyOnWriteArrayList<>();
  private final AtomicInteger events = new AtomicInteger();

  private LogCapture() {}

  /** Starts capturing everything that reaches the root logger. */
  static LogCapture attach() {
    final LogCapture capture = new LogCapture();
    capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    capture.setName("log-capture");
    capture.start();
    root().addAppender(capture);
    return capture;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected void append(final ILoggingEvent event) {
    events.incrementAndGet();
    if (samples.size() < SAMPLES) {
      samples.add(
          event.getLevel()
              + " ["
              + event.getThreadName()
              + "] "
              + event.getLoggerName()
              + " - "
              + event.getFormattedMessage());
    }
    messages
        .computeIfAbsent(
            event.getLoggerName() + " - " + event.getFormattedMessage(), m -> new AtomicInteger())
        .incrementAndGet();
    final IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      stacks.computeIfAbsent(signature(thrown), s -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static String signature(final IThrowableProxy thrown) {
    final StringBuilder signature = new StringBuilder(thrown.getClassName());
    final StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
    for (int i = 0; i < Math.min(TOP_FRAMES, frames.length); i++) {
      signature.append("\n\tat ").append(frames[i].getStackTraceElement());
    }
    return signature.toString();
  }

  /** The stacks logged more than once, with how often. */
  Map<String, Integer> repeatedStacks() {
    return stacks.entrySet().stream()
        .filter(entry -> entry.getValue().get() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
  }

  /** The messages of loggers under {@code prefix} logged more than once, with how often. */
  Map<String, Integer> repeatedMessages(final String prefix) {
    return messages.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix) && entry.getValue().get() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
  }

  int eventCount() {
    return events.get();
  }

  List<String> samples() {
    return new ArrayList<>(samples);
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }
}
