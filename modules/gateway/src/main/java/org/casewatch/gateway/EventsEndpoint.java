package org.casewatch.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.casewatch.access.Coalition;
import org.casewatch.access.CoalitionDirectory;
import org.casewatch.json.EventJson;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseEventValidator;
import org.casewatch.model.CaseEventValidator.Violation;
import org.casewatch.model.Countries;
import org.casewatch.model.LogSafe;
import org.casewatch.registry.client.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: one JSON event or an array of them, from an authenticated coalition,
 * each validated and written to its country's topic. A 202 means every event is durably in Kafka.
 */
final class EventsEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  /** Seconds a client should wait before retrying after a 503. */
  static final String RETRY_AFTER_SECONDS = "5";

  /** The most characters of a request's own text an error message repeats. */
  private static final int ECHOED = 64;

  /** The largest refused body read to its end before answering, so the client sees the 413. */
  private static final long DRAINED_AT_MOST = 16L * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final GatewayConfig config;
  private final CoalitionDirectory coalitions;
  private final EventWriter writer;
  private final CaseOwners owners;
  private final RecentEvents recent = new RecentEvents(100_000);
  private final Clock clock;
  private final CoalitionRateLimit rateLimit;

  EventsEndpoint(
      final GatewayConfig config,
      final CoalitionDirectory coalitions,
      final EventWriter writer,
      final CaseOwners owners,
      final Clock clock) {
    this.config = config;
    this.coalitions = coalitions;
    this.writer = writer;
    this.owners = owners;
    this.clock = clock;
    this.rateLimit = new CoalitionRateLimit(config.rateLimit(), System::nanoTime);
  }

  void handle(final Context ctx) {
    final Optional<Coalition> coalition = authenticate(ctx);
    if (coalition.isEmpty() && readOnly(ctx)) {
      error(
          ctx,
          403,
          "forbidden",
          "This is a coordinator's read-only token; publishing needs a coalition token");
      return;
    }
    if (coalition.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"casewatch\"");
      error(
          ctx,
          401,
          "unauthorized",
          "Send a coalition token as 'Authorization: Bearer cw_...'; this request had "
              + (ctx.header("Authorization") == null ? "none" : "one that is unknown or revoked"));
      return;
    }
    final String contentType = ctx.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      error(
          ctx,
          415,
          "unsupported-media-type",
          "Send events as 'Content-Type: application/json', not " + contentType);
      return;
    }
    if (ctx.contentLength() > config.maxBodyBytes()) {
      discardBody(ctx);
      error(
          ctx,
          413,
          "payload-too-large",
          "The body is "
              + ctx.contentLength()
              + " bytes; the limit is "
              + config.maxBodyBytes()
              + ". Send smaller batches.");
      return;
    }
    final JsonNode body;
    try {
      body = json.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      error(ctx, 400, "invalid-json", "The body is not valid JSON: " + e.getOriginalMessage());
      return;
    } catch (IOException e) {
      error(ctx, 400, "invalid-json", "The body could not be read: " + e.getMessage());
      return;
    }
    final List<JsonNode> events = new ArrayList<>();
    if (body != null && body.isArray()) {
      body.forEach(events::add);
    } else if (body != null && body.isObject()) {
      events.add(body);
    }
    if (events.isEmpty()) {
      error(
          ctx,
          400,
          "no-events",
          "Send one event as a JSON object or several as a non-empty JSON array");
      return;
    }
    if (events.size() > config.maxBatchEvents()) {
      error(
          ctx,
          413,
          "payload-too-large",
          "The batch has "
              + events.size()
              + " events; the limit is "
              + config.maxBatchEvents()
              + ". Split it.");
      return;
    }
    if (!rateLimit.admit(ctx, coalition.get(), events.size())) {
      return;
    }
    final Optional<String> trespass = otherCountry(events, coalition.get());
    if (trespass.isPresent()) {
      error(ctx, 403, "forbidden", trespass.get() + "; nothing was written");
      return;
    }
    if (!owners.ready()) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      error(
          ctx,
          503,
          "unavailable",
          "The gateway is still reading from Kafka which coalition owns each case; "
              + "nothing was written, retry in "
              + RETRY_AFTER_SECONDS
              + " s");
      return;
    }
    final Optional<String> othersCase = otherCoalitionsCase(events, coalition.get());
    if (othersCase.isPresent()) {
      error(ctx, 403, "forbidden", othersCase.get() + "; nothing was written");
      return;
    }
    final boolean atomic = "true".equalsIgnoreCase(ctx.queryParam("atomic"));
    write(ctx, events, coalition.get(), atomic);
  }

  private void write(
      final Context ctx,
      final List<JsonNode> nodes,
      final Coalition coalition,
      final boolean atomic) {
    final Instant now = clock.instant();
    final EventResult[] results = new EventResult[nodes.size()];
    final List<Integer> toWrite = new ArrayList<>();
    final List<CaseEvent> events = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      final EventJson.Parsed parsed =
          EventJson.parse(nodes.get(i), coalition.id(), coalition.country(), now);
      final JsonNode eventIdNode = nodes.get(i).path("eventId");
      final String eventId =
          eventIdNode.isTextual()
              ? ErrorBudget.abbreviate(eventIdNode.asText(), CaseEventValidator.MAX_EVENT_ID_LENGTH)
              : null;
      if (!parsed.valid()) {
        results[i] = EventResult.rejected(i, eventId, parsed.violations());
        continue;
      }
      final CaseEvent event = parsed.event();
      final Optional<RecentEvents.Accepted> earlier = recent.find(event);
      // Scoped by coalition (RecentEvents' key): another coalition's eventId neither matches nor
      // blocks this one.
      if (earlier.isPresent() && earlier.get().content().equals(RecentEvents.content(event))) {
        results[i] = EventResult.duplicate(i, eventId, earlier.get());
      } else if (earlier.isPresent()) {
        results[i] =
            EventResult.rejected(
                i,
                eventId,
                List.of(
                    new Violation(
                        "eventId",
                        "unique",
                        "eventId "
                            + eventId
                            + " was already used for a different event ("
                            + earlier.get().topic()
                            + "-"
                            + earlier.get().partition()
                            + "@"
                            + earlier.get().offset()
                            + "); every event needs its own eventId")));
      } else {
        toWrite.add(i);
        events.add(event);
      }
    }
    final boolean anyRejected =
        Arrays.stream(results).anyMatch(r -> r != null && r.status().equals("rejected"));
    if (atomic && anyRejected) {
      for (int j = 0; j < toWrite.size(); j++) {
        results[toWrite.get(j)] =
            EventResult.notWritten(
                toWrite.get(j),
                events.get(j).getEventId(),
                "atomic batch: not written because other events were rejected");
      }
      respond(ctx, 400, results);
      return;
    }
    boolean kafkaFailed = false;
    if (!events.isEmpty()) {
      kafkaFailed =
          atomic ? writeAtomically(events, toWrite, results) : writeEach(events, toWrite, results);
    }
    if (kafkaFailed) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      respond(ctx, 503, results);
    } else {
      respond(ctx, anyRejected ? 400 : 202, results);
    }
  }

  private boolean writeEach(
      final List<CaseEvent> events, final List<Integer> indexes, final EventResult[] results) {
    final List<EventWriter.Outcome> outcomes = writer.writeEach(events);
    int failed = 0;
    Throwable firstFailure = null;
    String firstEventId = null;
    for (int j = 0; j < events.size(); j++) {
      final int i = indexes.get(j);
      final CaseEvent event = events.get(j);
      final EventWriter.Outcome outcome = outcomes.get(j);
      if (outcome.failure() == null) {
        results[i] = accepted(i, event, outcome.written());
      } else {
        if (failed++ == 0) {
          firstFailure = outcome.failure();
          firstEventId = event.getEventId();
        }
        results[i] =
            EventResult.notWritten(i, event.getEventId(), notWrittenBecause(outcome.failure()));
      }
    }
    if (failed > 0) {
      // One line a request, not one an event: a registry or Kafka outage under load would otherwise
      // write thousands of lines a minute (4 MB in a 30 s outage of the long fault run).
      log.warn(
          "{} of {} events not written (the first, {}): {}",
          failed,
          events.size(),
          LogSafe.text(firstEventId),
          LogSafe.text(firstFailure));
    }
    return failed > 0;
  }

  /**
   * What a client is told of an event that was not written: which dependency failed, and to retry.
   */
  static String notWrittenBecause(final Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SchemaRegistryException) {
        return "the schema registry could not be asked for the event's schema: "
            + cause.getMessage()
            + "; retry later";
      }
    }
    return "Kafka did not acknowledge it: " + failure.getMessage() + "; retry later";
  }

  private boolean writeAtomically(
      final List<CaseEvent> events, final List<Integer> indexes, final EventResult[] results) {
    try {
      final List<RecordMetadata> written = writer.writeAtomically(events);
      for (int j = 0; j < events.size(); j++) {
        results[indexes.get(j)] = accepted(indexes.get(j), events.get(j), written.get(j));
      }
      return false;
    } catch (KafkaUnavailableException e) {
      log.warn("Atomic batch not written: {}", LogSafe.text(e.getMessage()));
      for (int j = 0; j < events.size(); j++) {
        results[indexes.get(j)] =
            EventResult.notWritten(
                indexes.get(j),
                events.get(j).getEventId(),
                "the atomic batch was not committed: " + e.getMessage() + "; retry later");
      }
      return true;
    }
  }

  private EventResult accepted(
      final int index, final CaseEvent event, final RecordMetadata written) {
    recent.remember(event, written.topic(), written.partition(), written.offset());
    owners.written(event, written.offset());
    return EventResult.accepted(
        index, event.getEventId(), written.topic(), written.partition(), written.offset());
  }

  /** Why the request touches another country's data, if it does: the token decides the country. */
  private static Optional<String> otherCountry(
      final List<JsonNode> events, final Coalition coalition) {
    for (int i = 0; i < events.size(); i++) {
      final JsonNode event = events.get(i);
      final String country = event.path("country").asText(null);
      final String caseId = event.path("caseId").asText("");
      final String coalitionId = event.path("coalition").asText(null);
      if (country != null && !country.equalsIgnoreCase(coalition.country().name())) {
        return Optional.of(
            "Coalition "
                + coalition.id()
                + " may publish only "
                + coalition.country()
                + " events; event "
                + i
                + " names country "
                + ErrorBudget.abbreviate(country, ECHOED));
      }
      if (Countries.CASE_ID.matcher(caseId).matches()
          && !caseId.startsWith(coalition.country().name() + "-")) {
        return Optional.of(
            "Coalition "
                + coalition.id()
                + " may publish only "
                + coalition.country()
                + " cases; event "
                + i
                + " is for case "
                + caseId);
      }
      if (coalitionId != null && !coalitionId.equals(coalition.id())) {
        return Optional.of(
            "The token belongs to coalition "
                + coalition.id()
                + "; event "
                + i
                + " claims to come from "
                + ErrorBudget.abbreviate(coalitionId, ECHOED));
      }
    }
    return Optional.empty();
  }

  /**
   * Why the request touches a case of another coalition of the same country, if it does: a case
   * belongs to the coalition whose event for it was written first ({@link CaseOwners}).
   */
  private Optional<String> otherCoalitionsCase(
      final List<JsonNode> events, final Coalition coalition) {
    for (int i = 0; i < events.size(); i++) {
      final String caseId = events.get(i).path("caseId").asText("");
      final Optional<String> owner = owners.ownerOf(caseId);
      if (owner.isPresent() && !owner.get().equals(coalition.id())) {
        return Optional.of(
            "Case "
                + caseId
                + " belongs to another coalition, whose event registered it first; "
                + "coalition "
                + coalition.id()
                + " may add events only to its own cases (event "
                + i
                + ")");
      }
    }
    return Optional.empty();
  }

  private boolean readOnly(final Context ctx) {
    final String header = ctx.header("Authorization");
    return header != null
        && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && coalitions.isCoordinator(header.substring(7).trim());
  }

  private Optional<Coalition> authenticate(final Context ctx) {
    final String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return coalitions.authenticate(header.substring(7).trim());
  }

  private void respond(final Context ctx, final int status, final EventResult[] results) {
    ctx.status(status).contentType("application/json").result(write(ErrorBudget.answer(results)));
  }

  /**
   * Reads a refused body to its end so the client, still sending it, gets the answer instead of a
   * reset connection. One whose body is larger than {@link #DRAINED_AT_MOST} is answered and
   * disconnected.
   */
  private static void discardBody(final Context ctx) {
    if (ctx.contentLength() > DRAINED_AT_MOST) {
      ctx.header("Connection", "close");
      return;
    }
    try (InputStream body = ctx.req().getInputStream()) {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException clientGone) {
      log.debug("A refused body could not be read to its end: {}", clientGone.getMessage());
    }
  }

  private void error(
      final Context ctx, final int status, final String error, final String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(write(Map.of("error", error, "message", message)));
  }

  private String write(final Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
