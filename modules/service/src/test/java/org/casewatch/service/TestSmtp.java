package org.casewatch.service;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-process SMTP server (GreenMail) that wants a login, and the service's settings to send
 * through it.
 */
final class TestSmtp {

  private static final String USER = "casewatch-mailer";
  private static final String PASSWORD = "mailer-secret";

  private TestSmtp() {}

  /** A server on a free port, for a test class's {@code @RegisterExtension}. */
  static GreenMailExtension server() {
    return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
  }

  /**
   * The service's casewatch.smtp.* for {@code server}, with {@code more} settings. GreenMail's
   * plain SMTP offers no STARTTLS, so it is optional here; production keeps the default, required.
   */
  static Map<String, String> settings(
      final GreenMailExtension server, final Map<String, String> more) {
    final Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "casewatch.smtp.host",
                "127.0.0.1",
                "casewatch.smtp.port",
                Integer.toString(server.getSmtp().getPort()),
                "casewatch.smtp.username",
                USER,
                "casewatch.smtp.password",
                PASSWORD,
                "casewatch.smtp.starttls",
                "optional"));
    settings.putAll(more);
    return settings;
  }
}
