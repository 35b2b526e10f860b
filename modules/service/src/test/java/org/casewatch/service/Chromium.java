package org.casewatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests (.ci/run installs chromium and chromium-driver),
 * and what they do with a page: read its rendered text, save a screenshot.
 */
final class Chromium {

  private static final File BINARY = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * A browser with a window of {@code width} x {@code height}; fails, saying what to install, if
   * there is none.
   */
  static WebDriver start(final int width, final int height) {
    assertThat(BINARY)
        .as("headless browser tests need Debian's chromium: apt-get install -y chromium")
        .exists();
    assertThat(DRIVER).as("and its driver: apt-get install -y chromium-driver").exists();
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + width + "," + height);
    final ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** The rendered text of the first match, read in one script; empty if none. */
  static String text(final WebDriver browser, final String selector) {
    return ((String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const n = document.querySelector(arguments[0]); return n ? n.innerText : '';",
                    selector))
        .trim();
  }

  /**
   * Saves the page as target/NAME, and in the screenshots directory when one is given ({@code
   * -Dcasewatch.screenshots.dir=../../docs}).
   */
  static void screenshot(final WebDriver browser, final String name) throws IOException {
    final Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);
    final String docs = System.getProperty("casewatch.screenshots.dir");
    if (docs != null && !docs.isBlank()) {
      Files.copy(target, Path.of(docs).resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
