package org.casewatch.registry.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link HttpSchemaRegistryClient} reaches one schema registry: where it is, how long to wait
 * for it, how hard to retry, how long to trust a cached "latest version", and how to authenticate.
 *
 * <p>It exists so that every tunable has one documented default and is validated once, when the
 * configuration is built, rather than failing on the first registry call. Start from {@link
 * #of(String)} and change what differs with the {@code with...} methods:
 *
 * <pre>{@code
 * RegistryClientConfig.of("http://registry:8081")
 *     .withBasicAuth("casewatch:secret")
 *     .withMaxRetries(5);
 * }</pre>
 *
 * @param baseUrl one http(s) URL, without trailing slash; it may carry a path prefix (for example
 *     Apicurio's {@code /apis/ccompat/v7})
 * @param requestTimeout how long one HTTP exchange may take, default {@value
 *     #DEFAULT_REQUEST_TIMEOUT_SECONDS} s
 * @param connectTimeout how long opening a connection may take, default {@value
 *     #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * @param maxRetries how often a 5xx answer, I/O error or timeout is retried, default {@value
 *     #DEFAULT_MAX_RETRIES} (so at most four attempts); 4xx answers are never retried
 * @param initialBackoff the wait before the first retry, doubled before each further one, default
 *     {@value #DEFAULT_INITIAL_BACKOFF_MILLIS} ms
 * @param maxBackoff the cap on that doubling wait, default {@value #DEFAULT_MAX_BACKOFF_MILLIS} ms
 * @param latestCacheTtl how long {@link SchemaRegistryClient#latest} answers from its cache,
 *     default {@value #DEFAULT_LATEST_CACHE_TTL_SECONDS} s; zero disables that cache
 * @param basicAuthUserInfo {@code "user:password"} sent as HTTP basic auth, or {@code null} for
 *     none
 */
public record RegistryClientConfig(
    String baseUrl,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration latestCacheTtl,
    String basicAuthUserInfo) {

  public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;
  public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 100;
  public static final long DEFAULT_MAX_BACKOFF_MILLIS = 2_000;
  public static final long DEFAULT_LATEST_CACHE_TTL_SECONDS = 30;

  public RegistryClientConfig {
    baseUrl = normalizeUrl(baseUrl);
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requireNotNegative(initialBackoff, "initialBackoff");
    requireNotNegative(maxBackoff, "maxBackoff");
    requireNotNegative(latestCacheTtl, "latestCacheTtl");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    if (basicAuthUserInfo != null && basicAuthUserInfo.indexOf(':') < 0) {
      throw new IllegalArgumentException(
          "basicAuthUserInfo must have the form user:password (the colon is missing)");
    }
  }

  /** The defaults above for the registry at {@code url}. */
  public static RegistryClientConfig of(final String url) {
    return new RegistryClientConfig(
        url,
        Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS),
        DEFAULT_MAX_RETRIES,
        Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
        Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS),
        Duration.ofSeconds(DEFAULT_LATEST_CACHE_TTL_SECONDS),
        null);
  }

  public RegistryClientConfig withRequestTimeout(final Duration timeout) {
    return new RegistryClientConfig(
        baseUrl,
        timeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        latestCacheTtl,
        basicAuthUserInfo);
  }

  public RegistryClientConfig withConnectTimeout(final Duration timeout) {
    return new RegistryClientConfig(
        baseUrl,
        requestTimeout,
        timeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        latestCacheTtl,
        basicAuthUserInfo);
  }

  public RegistryClientConfig withMaxRetries(final int retries) {
    return new RegistryClientConfig(
        baseUrl,
        requestTimeout,
        connectTimeout,
        retries,
        initialBackoff,
        maxBackoff,
        latestCacheTtl,
        basicAuthUserInfo);
  }

  /** Sets the first wait and the cap of the doubling backoff between retries. */
  public RegistryClientConfig withBackoff(final Duration initial, final Duration max) {
    return new RegistryClientConfig(
        baseUrl,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initial,
        max,
        latestCacheTtl,
        basicAuthUserInfo);
  }

  public RegistryClientConfig withLatestCacheTtl(final Duration ttl) {
    return new RegistryClientConfig(
        baseUrl,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        ttl,
        basicAuthUserInfo);
  }

  /** Sends {@code userInfo} ({@code "user:password"}) as basic auth; {@code null} sends none. */
  public RegistryClientConfig withBasicAuth(final String userInfo) {
    return new RegistryClientConfig(
        baseUrl,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        latestCacheTtl,
        userInfo);
  }

  /** The wait before retry number {@code retry} (1 for the first): doubling, capped. */
  public Duration backoffBeforeRetry(final int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1, was " + retry);
    }
    // Capping the exponent keeps the shift from overflowing; the cap below applies long before.
    final Duration doubled = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 30));
    return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }

  /** Like the record's, but never prints the password, as configs end up in logs. */
  @Override
  public String toString() {
    final String auth =
        basicAuthUserInfo == null
            ? "none"
            : basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':')) + ":****";
    return "RegistryClientConfig[baseUrl="
        + baseUrl
        + ", requestTimeout="
        + requestTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", latestCacheTtl="
        + latestCacheTtl
        + ", basicAuth="
        + auth
        + "]";
  }

  private static String normalizeUrl(final String url) {
    Objects.requireNonNull(url, "baseUrl");
    // Confluent's own clients take a comma-separated list; this client talks to exactly one URL,
    // and silently using the first would hide a misconfiguration.
    if (url.contains(",")) {
      throw new IllegalArgumentException(
          "baseUrl must be one schema registry URL, not a list: " + url);
    }
    final String trimmed = url.strip().replaceAll("/+$", "");
    final URI uri;
    try {
      uri = new URI(trimmed);
    } catch (final URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl is not a valid URL: " + url, e);
    }
    final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http:// or https:// URL with a host, e.g. http://localhost:8081,"
              + " was: "
              + url);
    }
    return trimmed;
  }

  private static void requirePositive(final Duration duration, final String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  private static void requireNotNegative(final Duration duration, final String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }
}
