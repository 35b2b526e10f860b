package org.casewatch.service;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.casewatch.model.Alert;
import org.casewatch.model.Subscription;

/**
 * Sends an alert as a plain-text mail through the configured SMTP server (Jakarta Mail, Eclipse
 * Angus), with STARTTLS and authentication as configured. The mail says what the alert says (case
 * id, rule, severity, dates, explanation, alert id) and nothing more.
 */
final class MailChannel {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Session session;
  private final SmtpSettings smtp;

  MailChannel(final SmtpSettings smtp) {
    this.smtp = smtp;
    final Properties properties = new Properties();
    properties.put("mail.smtp.host", smtp.host());
    properties.put("mail.smtp.port", Integer.toString(smtp.port()));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(!smtp.starttls().equals("off")));
    properties.put(
        "mail.smtp.starttls.required", Boolean.toString(smtp.starttls().equals("required")));
    properties.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
    properties.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
    this.session =
        Session.getInstance(
            properties,
            smtp.username().isEmpty()
                ? null
                : new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(
                        smtp.username().get(), smtp.password().orElse(""));
                  }
                });
  }

  /**
   * Sends the alert to the subscription's mailbox: null if the server took it, otherwise what went
   * wrong.
   */
  String send(final Subscription subscription, final Alert alert) {
    return send(subscription, subject(alert), text(alert), alert.getAlertId());
  }

  /**
   * Sends a mail to the subscription's mailbox; {@code key} (an alert id, or {@code digest:<day>})
   * goes in a header.
   */
  String send(
      final Subscription subscription, final String subject, final String text, final String key) {
    try {
      final MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from(), true));
      message.setRecipient(
          Message.RecipientType.TO, new InternetAddress(subscription.getTarget(), true));
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(text, StandardCharsets.UTF_8.name());
      message.setHeader(
          key.startsWith("digest:") ? "X-Casewatch-Digest" : "X-Casewatch-Alert-Id",
          key.startsWith("digest:") ? key.substring("digest:".length()) : key);
      message.setHeader("X-Casewatch-Subscription", subscription.getSubscriptionId());
      Transport.send(message);
      return null;
    } catch (MessagingException | RuntimeException e) {
      return e.toString();
    }
  }

  static String subject(final Alert alert) {
    return "[casewatch] " + alert.getSeverity() + " " + alert.getRule() + " " + alert.getCaseId();
  }

  static String text(final Alert alert) {
    return alert.getSeverity()
        + " "
        + alert.getRule()
        + " alert on case "
        + alert.getCaseId()
        + " ("
        + alert.getCountry()
        + ")\n\n"
        + alert.getExplanation()
        + "\n\nAlert "
        + alert.getAlertId()
        + ", "
        + alert.getStatus()
        + " at "
        + alert.getAt()
        + (alert.getDeadline() == null ? "" : ", deadline " + alert.getDeadline())
        + ".\nIts case and what coordinators did about it: /cases/"
        + alert.getCaseId()
        + " on the casewatch service.\n";
  }
}
