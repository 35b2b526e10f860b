package org.casewatch.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to a registry, to check status codes and bodies exactly as Confluent's. */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, String contentType, JsonNode body) {
    int errorCode() {
      return body.path("error_code").asInt();
    }
  }

  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  RegistryHttp(final String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Response get(final String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  Response post(final String path, final String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(final String path, final String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The request body Confluent expects for a schema: {"schema": "<schema as a JSON string>"}. */
  static String schemaBody(final String schemaJson) {
    return JSON.createObjectNode().put("schema", schemaJson).toString();
  }

  private Response send(final HttpRequest.Builder request) {
    try {
      final HttpResponse<String> response =
          http.send(
              request.header("Accept", CONTENT_TYPE).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
