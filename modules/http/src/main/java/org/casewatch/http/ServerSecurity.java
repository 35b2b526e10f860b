package org.casewatch.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * What the gateway's and the service's HTTP servers share for their own protection: HTTPS when
 * given a certificate, the security headers on every answer, and the {@code Host} names they answer
 * to (empty: any), which stops a DNS-rebinding page from talking to a server bound on a
 * coordinator's machine.
 *
 * @param tls the certificate to serve HTTPS with; empty serves plain HTTP
 * @param allowedHosts host names (with or without {@code :port}) a request's {@code Host} may name;
 *     empty allows any
 */
public record ServerSecurity(Optional<TlsCertificate> tls, List<String> allowedHosts) {

  /**
   * The dashboard loads its script, styles and charts from its own origin only; charts set inline
   * styles, scripts never run inline. Nothing may frame an answer (clickjacking).
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  public ServerSecurity {
    allowedHosts =
        allowedHosts.stream()
            .map(host -> host.trim().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .distinct()
            .toList();
  }

  /** Plain HTTP, any host name. */
  public static ServerSecurity none() {
    return new ServerSecurity(Optional.empty(), List.of());
  }

  /** Parses a comma-separated list of allowed host names, e.g. {@code localhost,127.0.0.1:8080}. */
  public static List<String> hostList(final String commaSeparated) {
    return List.of(commaSeparated.split(",")).stream()
        .map(String::trim)
        .filter(host -> !host.isEmpty())
        .toList();
  }

  public ServerSecurity withTls(final TlsCertificate certificate) {
    return new ServerSecurity(Optional.of(certificate), allowedHosts);
  }

  public ServerSecurity withAllowedHosts(final List<String> hosts) {
    return new ServerSecurity(tls, hosts);
  }

  /** {@code https} or {@code http}, for addresses printed and peers called. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /**
   * Serves on {@code host}:{@code port} over HTTPS if there is a certificate, and adds the header
   * and host checks before every handler (static files included).
   */
  public void mount(final JavalinConfig javalin, final String host, final int port) {
    tls.ifPresent(
        certificate ->
            javalin.jetty.addConnector(
                (server, http) -> {
                  final SecureRequestCustomizer secure = new SecureRequestCustomizer();
                  // Clients reach an instance by IP as well as by name; the certificate still has
                  // to match for them.
                  secure.setSniHostCheck(false);
                  http.addCustomizer(secure);
                  final SslContextFactory.Server ssl = new SslContextFactory.Server();
                  ssl.setKeyStore(certificate.keyStore());
                  ssl.setKeyStorePassword(new String(certificate.password()));
                  final ServerConnector connector =
                      new ServerConnector(
                          server,
                          new SslConnectionFactory(ssl, "http/1.1"),
                          new HttpConnectionFactory(http));
                  connector.setHost(host);
                  connector.setPort(port);
                  return connector;
                }));
    javalin.routes.before(this::protect);
  }

  private void protect(final Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (ctx.path().startsWith("/v1/") || ctx.path().startsWith("/internal/")) {
      ctx.header("Cache-Control", "no-store");
    }
    if (tls.isPresent()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    if (!allowedHosts.isEmpty()) {
      final String named =
          Optional.ofNullable(ctx.header("Host")).orElse("").trim().toLowerCase(Locale.ROOT);
      final String withoutPort = named.replaceFirst(":\\d+$", "");
      if (!allowedHosts.contains(named) && !allowedHosts.contains(withoutPort)) {
        throw new MisdirectedRequest(named);
      }
    }
  }
}
