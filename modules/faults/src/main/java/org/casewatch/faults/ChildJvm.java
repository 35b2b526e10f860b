package org.casewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One piece of casewatch (a broker, the registry, the gateway, a service instance) in a JVM of its
 * own, on this JVM's class path, so that it can be killed the way a machine loses a process: {@link
 * #kill()} is SIGKILL, nothing runs on the way out. Every life of the process appends to one log
 * file, so a log scan sees everything it printed across restarts.
 */
final class ChildJvm implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final List<String> jvmOptions;
  private final String mainClass;
  private final List<String> arguments;
  private final Path log;
  private Process process;
  private int lives;

  ChildJvm(
      final String name,
      final List<String> jvmOptions,
      final String mainClass,
      final List<String> arguments,
      final Path log) {
    this.name = name;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.mainClass = mainClass;
    this.arguments = List.copyOf(arguments);
    this.log = log;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized void start() {
    if (alive()) {
      throw new IllegalStateException(name + " is already running");
    }
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath(), mainClass));
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      lives++;
      Files.writeString(
          log,
          "==== " + name + " life " + lives + " started " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  /** SIGKILL: the process gets no chance to flush, commit or leave its group. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit(process);
    process = null;
  }

  /** SIGTERM, then SIGKILL if it has not gone after {@link #STOP_TIMEOUT}. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    awaitExit(process);
    process = null;
  }

  private static void awaitExit(final Process process) {
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("pid " + process.pid() + " did not exit", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * The class path children run on: the class loader's own URLs where it has them (under {@code mvn
   * exec:java} the system class path is Maven's), else {@code java.class.path}.
   */
  static String classPath() {
    final ClassLoader loader = ChildJvm.class.getClassLoader();
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      return Arrays.stream(urls.getURLs())
          .map(ChildJvm::path)
          .collect(Collectors.joining(java.io.File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }

  private static String path(final URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("Not a file on the class path: " + url, e);
    }
  }
}
