package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.casewatch.gateway.json.AvroJson;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseState;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.topology.TopologyNames;
import org.casewatch.topology.country.CountryFigures;

/**
 * The coordinators' read API over live state. Any instance answers every query: a key held by
 * another instance is fetched from it, lists are gathered from every instance and merged.
 */
final class QueryApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<LiveState> state;
  private final Peers peers = new Peers();

  QueryApi(final Supplier<LiveState> state) {
    this.state = state;
  }

  void mount(final RoutesConfig routes) {
    routes.get("/v1/countries", this::countries);
    routes.get("/v1/countries/{code}", ctx -> send(ctx, country(country(ctx.pathParam("code")), ctx)));
    routes.get("/v1/cases/{caseId}", this::caseWithAlerts);
    routes.get("/v1/alerts", this::alerts);
    routes.get("/internal/v1/countries/{code}", ctx ->
        sendLocal(ctx, live().localCountry(ctx.pathParam("code"), partition(ctx))));
    routes.get("/internal/v1/case-states/{caseId}", ctx ->
        sendLocal(ctx, live().localCase(ctx.pathParam("caseId"), partition(ctx))));
    routes.get("/internal/v1/case-alerts/{caseId}", ctx -> {
      final Optional<List<Alert>> alerts = live().localCaseAlerts(ctx.pathParam("caseId"), partition(ctx));
      if (alerts.isEmpty()) {
        throw new NotFound("no case " + ctx.pathParam("caseId") + " here");
      }
      send(ctx, alertsJson(alerts.get()));
    });
    routes.get("/internal/v1/alerts", ctx -> send(ctx, alertsJson(live().localAlerts(query(ctx).filter()))));
  }

  private void countries(final Context ctx) {
    final ArrayNode all = JSON.createArrayNode();
    for (final Country country : Country.values()) {
      all.add(country(country, ctx));
    }
    send(ctx, all);
  }

  /** A country's figures; zeros for a country with no cases yet. */
  private JsonNode country(final Country country, final Context ctx) {
    final String code = country.name();
    final Optional<JsonNode> found = lookup(TopologyNames.COUNTRY_STATS_STORE, code, "/internal/v1/countries/" + code,
        partition -> live().localCountry(code, partition), ctx);
    return found.orElseGet(() -> {
      final CountryStats empty = CountryFigures.empty();
      empty.setCountry(country);
      return withoutHistogram(AvroJson.toJson(empty));
    });
  }

  private void caseWithAlerts(final Context ctx) {
    final String caseId = ctx.pathParam("caseId");
    if (!Countries.CASE_ID.matcher(caseId).matches()) {
      throw new NotFound("'" + caseId + "' is not a caseId like KZ-2016-0042");
    }
    final Optional<JsonNode> caseState = lookup(TopologyNames.CASE_STATE_TABLE_STORE, caseId,
        "/internal/v1/case-states/" + caseId, partition -> live().localCase(caseId, partition), ctx);
    final Optional<JsonNode> alerts = lookupJson(TopologyNames.CASE_ALERTS_STORE, caseId,
        "/internal/v1/case-alerts/" + caseId,
        partition -> live().localCaseAlerts(caseId, partition).map(QueryApi::alertsJson), ctx);
    if (caseState.isEmpty() && alerts.isEmpty()) {
      throw new NotFound("no case " + caseId + " (no events for it have been processed)");
    }
    final ObjectNode body = JSON.createObjectNode();
    body.set("case", caseState.orElse(JSON.nullNode()));
    body.set("alerts", alerts.orElse(JSON.createArrayNode()));
    send(ctx, body);
  }

  private void alerts(final Context ctx) {
    final AlertQuery query = query(ctx);
    final List<Alert> gathered = new ArrayList<>();
    final LiveState live = live();
    for (final HostInfo host : live.instancesOf(TopologyNames.CASE_ALERTS_STORE)) {
      if (host.equals(live.self())) {
        gathered.addAll(live.localAlerts(query.filter()));
      } else {
        peers.get(host, "/internal/v1/alerts?" + filters(ctx), credential(ctx))
            .ifPresent(remote -> remote.forEach(node -> gathered.add(Alerts.fromJson(node))));
      }
    }
    final List<Alert> page = query.page(gathered);
    final ObjectNode body = JSON.createObjectNode();
    body.set("alerts", alertsJson(page.subList(0, Math.min(page.size(), query.limit()))));
    if (page.size() > query.limit()) {
      final Alert last = page.get(query.limit() - 1);
      body.put("nextCursor", new AlertQuery.Position(last.getAt(), last.getAlertId()).encode());
    } else {
      body.putNull("nextCursor");
    }
    send(ctx, body);
  }

  private static AlertQuery query(final Context ctx) {
    return AlertQuery.parse(ctx.queryParam("country"), ctx.queryParam("rule"), ctx.queryParam("status"),
        ctx.queryParam("since"), ctx.queryParam("limit"), ctx.queryParam("cursor"));
  }

  /** A record from {@code store} under {@code key}, from this instance or the one that holds it. */
  private <V extends SpecificRecord> Optional<JsonNode> lookup(final String store, final String key, final String internalPath,
      final IntFunction<Optional<V>> local, final Context ctx) {
    return lookupJson(store, key, internalPath,
        partition -> local.apply(partition).map(record -> withoutHistogram(AvroJson.toJson(record))), ctx);
  }

  /**
   * Asks the instance that holds {@code key}'s partition, naming the partition, so that instance
   * answers from exactly that partition or says 503. Internal endpoints never forward: one hop.
   */
  private Optional<JsonNode> lookupJson(final String store, final String key, final String internalPath,
      final IntFunction<Optional<JsonNode>> local, final Context ctx) {
    final LiveState.Location location = live().locate(store, key);
    if (location.local()) {
      return local.apply(location.partition());
    }
    return peers.get(location.host(), internalPath + "?partition=" + location.partition(), credential(ctx));
  }

  /** The caller's token, passed on to the instance asked, always as a header (never in a URL). */
  private static String credential(final Context ctx) {
    final String header = ctx.header("Authorization");
    return header;
  }

  private static int partition(final Context ctx) {
    try {
      return Integer.parseInt(ctx.queryParam("partition"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("internal lookups name the store partition: ?partition=N");
    }
  }

  /** The alert filters of the request, without paging or credentials, for the other instances. */
  private static String filters(final Context ctx) {
    final StringBuilder query = new StringBuilder();
    for (final String name : List.of("country", "rule", "status", "since")) {
      final String value = ctx.queryParam(name);
      if (value != null) {
        query.append(query.length() == 0 ? "" : "&").append(name).append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  private LiveState live() {
    final LiveState live = state.get();
    if (live == null) {
      throw new Unavailable("the service is starting");
    }
    return live;
  }

  private static Country country(final String code) {
    return Countries.fromCode(code).orElseThrow(() -> new NotFound(
        "no country '" + code + "'; casewatch covers KZ, KG, TJ, TM and UZ"));
  }

  private static JsonNode withoutHistogram(final ObjectNode node) {
    node.remove("daysToInvestigationHistogram");
    return node;
  }

  static ArrayNode alertsJson(final List<Alert> alerts) {
    final ArrayNode array = JSON.createArrayNode();
    alerts.forEach(alert -> array.add(AvroJson.toJson(alert)));
    return array;
  }

  private static void sendLocal(final Context ctx, final Optional<? extends SpecificRecord> record) {
    send(ctx, withoutHistogram(AvroJson.toJson(record.orElseThrow(() -> new NotFound("not held here")))));
  }

  static void send(final Context ctx, final JsonNode body) {
    ctx.contentType("application/json").result(body.toString());
  }

}
