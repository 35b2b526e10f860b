package org.casewatch.registry.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for a schema registry on a free loopback port, so the client's requests can
 * be checked byte for byte without a real registry. Routes match on method and raw (still
 * percent-encoded) path; each route answers its scripted responses in order and then keeps
 * repeating the last. Unscripted requests get 418, which the client does not retry, so a test that
 * forgot a route fails at once and says which.
 */
final class StubRegistry implements AutoCloseable {

  /** One request as the registry saw it. */
  record Request(String method, String path, String query, Headers headers, String body) {

    String header(final String name) {
      return headers.getFirst(name);
    }
  }

  private record Response(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Response>> routes = new HashMap<>();
  private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  StubRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // Several threads, so a route scripted to hang does not block the retries behind it.
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL to configure the client with. */
  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** Scripts the next answer to {@code method rawPath}. */
  synchronized StubRegistry on(
      final String method, final String rawPath, final int status, final String body) {
    routes
        .computeIfAbsent(key(method, rawPath), k -> new ArrayDeque<>())
        .add(new Response(status, body));
    return this;
  }

  /** Scripts {@code method rawPath} to hold every request until the registry is closed. */
  StubRegistry hang(final String method, final String rawPath) {
    hanging.put(key(method, rawPath), new CountDownLatch(1));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request onlyRequest() {
    final List<Request> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + all);
    }
    return all.get(0);
  }

  /** Stops listening at once, so that later connections are refused. */
  @Override
  public void close() {
    hanging.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String method = exchange.getRequestMethod();
      final String path = exchange.getRequestURI().getRawPath();
      requests.add(
          new Request(
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              readBody(exchange.getRequestBody())));
      final CountDownLatch hang = hanging.get(key(method, path));
      if (hang != null) {
        awaitRelease(hang);
        return;
      }
      final Response response = next(key(method, path));
      final byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private synchronized Response next(final String key) {
    final Deque<Response> scripted = routes.get(key);
    if (scripted == null) {
      return new Response(
          418, "{\"error_code\":41800,\"message\":\"unscripted request " + key + "\"}");
    }
    return scripted.size() > 1 ? scripted.poll() : scripted.peek();
  }

  private static void awaitRelease(final CountDownLatch hang) {
    try {
      hang.await();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readBody(final InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String key(final String method, final String rawPath) {
    return method + " " + rawPath;
  }
}
