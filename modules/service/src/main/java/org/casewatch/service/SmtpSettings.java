package org.casewatch.service;

import java.util.Optional;

/**
 * The SMTP server email notifications go through ({@code casewatch.smtp.*}); empty host: email is
 * off, and EMAIL subscriptions are refused.
 *
 * @param starttls {@code required} (the default: no mail leaves unencrypted), {@code optional}
 *     (encrypted when the server offers it) or {@code off}
 */
record SmtpSettings(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    String from,
    String starttls) {

  static final java.util.List<String> STARTTLS = java.util.List.of("required", "optional", "off");

  /** Never the password: a configuration printed to a log must not carry it. */
  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "(set)" : "(none)")
        + ", from="
        + from
        + ", starttls="
        + starttls
        + "]";
  }
}
