package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.casewatch.json.AvroJson;
import org.casewatch.model.Country;
import org.casewatch.model.NotificationChannel;
import org.casewatch.model.RuleId;
import org.casewatch.model.Severity;
import org.casewatch.model.Subscription;

/**
 * {@code POST/GET/DELETE /v1/subscriptions}: coordinators with the triage permission ask to be told
 * of new alerts (countries, rules, a minimum severity) by webhook. A webhook's signing secret is
 * made here and shown once, in the answer to the POST; lists never show it.
 */
final class SubscriptionApi {

  static final String PATH = "/v1/subscriptions";
  private static final Set<String> FIELDS =
      Set.of("channel", "target", "countries", "rules", "minimumSeverity", "digest");
  private static final String EXAMPLE =
      "{\"channel\": \"WEBHOOK\", \"target\": \"https://desk.example.org/casewatch\", "
          + "\"countries\": [\"KZ\"], \"minimumSeverity\": \"HIGH\"}";
  private static final int MAX_TARGET = 2_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Subscriptions subscriptions;
  private final Access access;
  private final boolean emailOn;
  private final Clock clock;

  SubscriptionApi(
      final Subscriptions subscriptions,
      final Access access,
      final boolean emailOn,
      final Clock clock) {
    this.emailOn = emailOn;
    this.subscriptions = subscriptions;
    this.access = access;
    this.clock = clock;
  }

  void mount(final RoutesConfig routes) {
    routes.post(PATH, this::create);
    routes.get(PATH, this::list);
    routes.delete(PATH + "/{subscriptionId}", this::delete);
  }

  /** Whether {@code path} (collapsed) is the subscriptions' or one of them: triage tokens only. */
  static boolean isSubscriptions(final String path) {
    final String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return bare.equals(PATH) || bare.startsWith(PATH + "/");
  }

  private void create(final Context ctx) {
    final JsonNode node = StrictJson.object(ctx.body(), FIELDS, "a subscription", EXAMPLE);
    final String channel = StrictJson.text(node, "channel");
    final String target = StrictJson.text(node, "target");
    if (channel == null || target == null) {
      throw new IllegalArgumentException("channel and target are required, e.g. " + EXAMPLE);
    }
    final NotificationChannel chosen =
        StrictJson.symbol("channel", channel, NotificationChannel.class);
    if (chosen == NotificationChannel.EMAIL) {
      if (!emailOn) {
        throw new IllegalArgumentException(
            "email is not configured on this service (casewatch.smtp.host); use a WEBHOOK");
      }
      checkMailbox(target);
    } else {
      checkWebhook(target);
    }
    final String severity = StrictJson.text(node, "minimumSeverity");
    final Subscription subscription =
        Subscription.newBuilder()
            .setSubscriptionId(UUID.randomUUID().toString())
            .setCoordinator(access.actor(ctx))
            .setCountries(StrictJson.symbols(node, "countries", Country.class))
            .setRules(StrictJson.symbols(node, "rules", RuleId.class))
            .setMinimumSeverity(
                severity == null
                    ? Severity.LOW
                    : StrictJson.symbol("minimumSeverity", severity, Severity.class))
            .setChannel(chosen)
            .setTarget(target)
            .setSecret(chosen == NotificationChannel.WEBHOOK ? secret() : null)
            .setCreatedAt(clock.instant())
            .setDigest(digest(node))
            .build();
    subscriptions.put(subscription);
    ctx.status(201);
    QueryApi.send(ctx, AvroJson.toJson(subscription));
  }

  /**
   * The caller's own subscriptions: targets can carry credentials of their own, so nobody lists
   * another's.
   */
  private void list(final Context ctx) {
    final String caller = access.actor(ctx);
    final ArrayNode all = JsonNodeFactory.instance.arrayNode();
    subscriptions.all().stream()
        .filter(subscription -> subscription.getCoordinator().equals(caller))
        .sorted(Comparator.comparing(Subscription::getCreatedAt))
        .forEach(subscription -> all.add(withoutSecret(subscription)));
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("subscriptions", all);
    QueryApi.send(ctx, body);
  }

  private void delete(final Context ctx) {
    final String id = ctx.pathParam("subscriptionId");
    final String caller = access.actor(ctx);
    if (subscriptions
        .get(id)
        .filter(subscription -> subscription.getCoordinator().equals(caller))
        .isEmpty()) {
      throw new NotFound("you have no subscription " + id + "; GET " + PATH + " lists yours");
    }
    subscriptions.delete(id);
    ctx.status(204);
  }

  private static boolean digest(final JsonNode node) {
    final JsonNode digest = node.get("digest");
    if (digest == null || digest.isNull()) {
      return false;
    }
    if (!digest.isBoolean()) {
      throw new IllegalArgumentException("digest must be true or false");
    }
    return digest.asBoolean();
  }

  private static ObjectNode withoutSecret(final Subscription subscription) {
    final ObjectNode node = AvroJson.toJson(subscription);
    node.remove("secret");
    return node;
  }

  /** 32 random bytes, base64url without padding. */
  private static String secret() {
    final byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A webhook is an https URL with a host and no credentials in it; plain http only to this machine
   * (a receiver beside the service), so alerts never cross a network unencrypted.
   */
  static void checkWebhook(final String target) {
    final URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("target is not a URL: " + e.getMessage());
    }
    final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (target.length() > MAX_TARGET
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || !(scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost())))) {
      throw new IllegalArgumentException(
          "target must be an https URL with a host and no credentials, at most "
              + MAX_TARGET
              + " characters (http only to this machine: localhost, 127.0.0.1)");
    }
    if (scheme.equals("https") && internalAddress(uri.getHost())) {
      throw new IllegalArgumentException(
          "target names an address inside a network (private, link-local, loopback "
              + "or cloud metadata); give the receiver's public name");
    }
  }

  /** An IP literal in a range that is not the internet's (no name is resolved here). */
  private static boolean internalAddress(final String host) {
    final String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      final InetAddress address = InetAddress.getByName(bare);
      return address.isLoopbackAddress()
          || address.isSiteLocalAddress()
          || address.isLinkLocalAddress()
          || address.isAnyLocalAddress()
          || address.isMulticastAddress()
          || sharedAddressSpace(address)
          || (address instanceof java.net.Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc);
    } catch (UnknownHostException e) {
      return true;
    }
  }

  /** A bare mailbox, user@domain: no display name, no list, no comment. */
  static void checkMailbox(final String target) {
    if (!mailbox(target)) {
      throw new IllegalArgumentException(
          "target must be a mailbox like desk@example.org (no display name), at most "
              + "254 characters");
    }
  }

  /**
   * A bare mailbox that the mail library takes as it is (strictly: no dot-dot, no leading or
   * trailing dot).
   */
  static boolean mailbox(final String text) {
    if (text.length() > 254 || !MAILBOX.matcher(text).matches()) {
      return false;
    }
    try {
      new jakarta.mail.internet.InternetAddress(text, true).validate();
      return true;
    } catch (jakarta.mail.internet.AddressException e) {
      return false;
    }
  }

  private static final java.util.regex.Pattern MAILBOX =
      java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

  /** 100.64.0.0/10, the carriers' (and some clouds' metadata) space. */
  private static boolean sharedAddressSpace(final InetAddress address) {
    final byte[] bytes = address.getAddress();
    return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
  }

  /** Named as this machine outright: no name that a resolver could later point elsewhere. */
  private static boolean loopback(final String host) {
    return Set.of("localhost", "127.0.0.1", "[::1]").contains(host.toLowerCase(Locale.ROOT));
  }
}
