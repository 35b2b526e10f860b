package org.casewatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.casewatch.json.AvroJson;
import org.casewatch.json.EventJson;
import org.casewatch.model.Alert;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.Countries;
import org.casewatch.model.Country;
import org.casewatch.model.CountryStats;
import org.casewatch.topology.CaseView;
import org.casewatch.topology.TopologyNames;
import org.casewatch.topology.country.CountryFigures;

/**
 * The coordinators' read API over live state. Any instance answers every query: a key held by
 * another instance is fetched from it, lists are gathered from every instance and merged.
 */
final class QueryApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<LiveState> state;
  private final Peers peers;

  QueryApi(final Supplier<LiveState> state, final Peers peers) {
    this.state = state;
    this.peers = peers;
  }

  void mount(final RoutesConfig routes) {
    routes.get("/v1/countries", this::countries);
    routes.get("/v1/countries/{code}", ctx -> send(ctx, country(country(ctx.pathParam("code")))));
    routes.get("/v1/cases", this::cases);
    routes.get("/v1/cases/{caseId}", this::caseWithAlerts);
    routes.get("/v1/alerts", this::alerts);
    routes.get("/v1/cases/{caseId}/events", this::caseEvents);
    routes.get(
        "/internal/v1/case-events/{caseId}",
        ctx -> {
          final Optional<List<CaseEvent>> events =
              live().localCaseEvents(ctx.pathParam("caseId"), partition(ctx));
          send(
              ctx,
              eventsJson(
                  events.orElseThrow(
                      () -> new NotFound("no case " + ctx.pathParam("caseId") + " here"))));
        });
    routes.get(
        "/internal/v1/countries/{code}",
        ctx -> sendLocal(ctx, live().localCountry(ctx.pathParam("code"), partition(ctx))));
    routes.get(
        "/internal/v1/case-states/{caseId}",
        ctx -> sendLocal(ctx, live().localCase(ctx.pathParam("caseId"), partition(ctx))));
    routes.get(
        "/internal/v1/case-alerts/{caseId}",
        ctx -> {
          final Optional<List<Alert>> alerts =
              live().localCaseAlerts(ctx.pathParam("caseId"), partition(ctx));
          if (alerts.isEmpty()) {
            throw new NotFound("no case " + ctx.pathParam("caseId") + " here");
          }
          send(ctx, alertsJson(alerts.get()));
        });
    routes.get(
        "/internal/v1/alerts",
        ctx -> send(ctx, alertsJson(live().localAlerts(alertQuery(ctx).filter()))));
    routes.get(
        "/internal/v1/cases",
        ctx -> {
          final CaseQuery query = CaseQuery.from(parameters(ctx));
          send(
              ctx,
              summariesJson(
                  query.page(
                      live().localCases(query::matches).stream().map(CaseSummary::of).toList())));
        });
    routes.get(
        "/internal/v1/case-ids",
        ctx -> {
          final ArrayNode ids = JSON.createArrayNode();
          live()
              .localCases(alertQuery(ctx).caseFilter())
              .forEach(state -> ids.add(state.getCaseId()));
          send(ctx, ids);
        });
  }

  private void countries(final Context ctx) {
    final ArrayNode all = JSON.createArrayNode();
    for (final Country country : Country.values()) {
      all.add(country(country));
    }
    send(ctx, all);
  }

  /** A country's figures; zeros for a country with no cases yet. */
  private JsonNode country(final Country country) {
    final String code = country.name();
    final Optional<JsonNode> found =
        lookup(
            TopologyNames.COUNTRY_STATS_STORE,
            code,
            "/internal/v1/countries/" + code,
            partition -> live().localCountry(code, partition),
            PeerAnswers.COUNTRY);
    return found.orElseGet(
        () -> {
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
    final Optional<JsonNode> caseState =
        lookup(
            TopologyNames.CASE_STATE_TABLE_STORE,
            caseId,
            "/internal/v1/case-states/" + caseId,
            partition -> live().localCase(caseId, partition),
            PeerAnswers.CASE_STATE);
    final Optional<JsonNode> alerts =
        lookupJson(
            CaseView.PLACEMENT_STORE,
            caseId,
            "/internal/v1/case-alerts/" + caseId,
            partition -> live().localCaseAlerts(caseId, partition).map(QueryApi::alertsJson),
            PeerAnswers.ALERTS);
    if (caseState.isEmpty() && alerts.isEmpty()) {
      throw new NotFound("no case " + caseId + " (no events for it have been processed)");
    }
    final ObjectNode body = JSON.createObjectNode();
    body.set("case", caseState.orElse(JSON.nullNode()));
    body.set("alerts", alerts.orElse(JSON.createArrayNode()));
    send(ctx, body);
  }

  /**
   * The case's events, oldest first, as the gateway takes them: a case's timeline (with its alerts,
   * their explanations and triage, from {@code /v1/cases/{caseId}}).
   */
  private void caseEvents(final Context ctx) {
    final String caseId = ctx.pathParam("caseId");
    if (!Countries.CASE_ID.matcher(caseId).matches()) {
      throw new NotFound("'" + caseId + "' is not a caseId like KZ-2016-0042");
    }
    final Optional<JsonNode> events =
        lookupJson(
            CaseView.PLACEMENT_STORE,
            caseId,
            "/internal/v1/case-events/" + caseId,
            partition -> live().localCaseEvents(caseId, partition).map(QueryApi::eventsJson),
            PeerAnswers.EVENTS);
    final ObjectNode body = JSON.createObjectNode();
    body.set(
        "events",
        events.orElseThrow(
            () -> new NotFound("no case " + caseId + " (no events for it have been processed)")));
    send(ctx, body);
  }

  private static ArrayNode eventsJson(final List<CaseEvent> events) {
    final ArrayNode array = JSON.createArrayNode();
    events.forEach(event -> array.add(EventJson.toJson(event)));
    return array;
  }

  /**
   * Alerts newest first, paged. The alert's own filters are applied by each instance to the alerts
   * it holds; the profile filters need the case's state, read from the case-state table, which
   * Kafka Streams may place on another instance than the alerts (another sub-topology), so the case
   * ids matching the profile are gathered from every instance and joined here.
   */
  private void alerts(final Context ctx) {
    final AlertQuery query = AlertQuery.from(parameters(ctx).takingOnly(ALERT_PARAMETERS));
    final List<Alert> gathered = gatherAlerts(query);
    final List<Alert> matching;
    if (query.profile().isEmpty()) {
      matching = gathered;
    } else {
      final Set<String> cases = caseIdsMatching(query);
      matching = gathered.stream().filter(alert -> cases.contains(alert.getCaseId())).toList();
    }
    final List<Alert> page = query.page(matching);
    final ObjectNode body = JSON.createObjectNode();
    body.set("alerts", alertsJson(page.subList(0, Math.min(page.size(), query.limit()))));
    if (page.size() > query.limit()) {
      final Alert last = page.get(query.limit() - 1);
      body.put("nextCursor", new PageCursor(last.getAt(), last.getAlertId()).encode());
    } else {
      body.putNull("nextCursor");
    }
    send(ctx, body);
  }

  /**
   * Every alert matching the query's own filters (not its profile, not its page), from every
   * instance.
   */
  List<Alert> gatherAlerts(final AlertQuery query) {
    final List<Alert> gathered = new ArrayList<>();
    final LiveState live = live();
    for (final HostInfo host : live.instancesOf(CaseView.PLACEMENT_STORE)) {
      if (host.equals(live.self())) {
        gathered.addAll(live.localAlerts(query.filter()));
      } else {
        peers
            .get(host, "/internal/v1/alerts?" + query.encodeAlertFilters(), PeerAnswers.ALERTS)
            .ifPresent(remote -> remote.forEach(node -> gathered.add(Alerts.fromJson(node))));
      }
    }
    return gathered;
  }

  /**
   * The ids of the cases, in the query's countries, whose state matches its profile filters, from
   * every instance.
   */
  private Set<String> caseIdsMatching(final AlertQuery query) {
    final Set<String> ids = new HashSet<>();
    final LiveState live = live();
    for (final HostInfo host : live.instancesOf(TopologyNames.CASE_STATE_TABLE_STORE)) {
      if (host.equals(live.self())) {
        live.localCases(query.caseFilter()).forEach(state -> ids.add(state.getCaseId()));
      } else {
        peers
            .get(host, "/internal/v1/case-ids?" + query.encodeCaseFilters(), PeerAnswers.CASE_IDS)
            .ifPresent(remote -> remote.forEach(id -> ids.add(id.asText())));
      }
    }
    return ids;
  }

  /**
   * Case summaries, the most recently active first, paged. Each instance pages the cases it holds
   * (after the cursor, one more than the limit), so no instance sends more than a page.
   */
  private void cases(final Context ctx) {
    final CaseQuery query = CaseQuery.from(parameters(ctx).takingOnly(CASE_PARAMETERS));
    final List<CaseSummary> gathered = new ArrayList<>();
    final LiveState live = live();
    for (final HostInfo host : live.instancesOf(TopologyNames.CASE_STATE_TABLE_STORE)) {
      if (host.equals(live.self())) {
        live.localCases(query::matches).forEach(state -> gathered.add(CaseSummary.of(state)));
      } else {
        peers
            .get(host, "/internal/v1/cases?" + query.encode(), PeerAnswers.CASE_SUMMARIES)
            .ifPresent(remote -> remote.forEach(node -> gathered.add(CaseSummary.fromJson(node))));
      }
    }
    final List<CaseSummary> page = query.page(gathered);
    final ObjectNode body = JSON.createObjectNode();
    body.set("cases", summariesJson(page.subList(0, Math.min(page.size(), query.limit()))));
    if (page.size() > query.limit()) {
      body.put("nextCursor", CaseQuery.cursorAfter(page.get(query.limit() - 1)).encode());
    } else {
      body.putNull("nextCursor");
    }
    send(ctx, body);
  }

  /**
   * The alert {@code alertId} of case {@code caseId} as it stands, triage included, from whichever
   * instance holds it.
   */
  Optional<Alert> alertOf(final String caseId, final String alertId) {
    final Optional<JsonNode> alerts =
        lookupJson(
            CaseView.PLACEMENT_STORE,
            caseId,
            "/internal/v1/case-alerts/" + caseId,
            partition -> live().localCaseAlerts(caseId, partition).map(QueryApi::alertsJson),
            PeerAnswers.ALERTS);
    if (alerts.isEmpty()) {
      return Optional.empty();
    }
    for (final JsonNode node : alerts.get()) {
      if (alertId.equals(node.path("alertId").asText())) {
        return Optional.of(Alerts.fromJson(node));
      }
    }
    return Optional.empty();
  }

  private static AlertQuery alertQuery(final Context ctx) {
    return AlertQuery.from(parameters(ctx));
  }

  /** The parameters the public lists take; anything else is refused, not ignored. */
  private static final List<String> ALERT_PARAMETERS =
      List.of(
          "country",
          "rule",
          "status",
          "since",
          "severity",
          "triage",
          "assignee",
          "allegation",
          "victimProfile",
          "agency",
          "limit",
          "cursor");

  private static final List<String> CASE_PARAMETERS =
      List.of(
          "country",
          "stage",
          "rule",
          "severity",
          "allegation",
          "victimProfile",
          "agency",
          "limit",
          "cursor");

  private static QueryParameters parameters(final Context ctx) {
    return new QueryParameters(ctx.queryParamMap());
  }

  private static ArrayNode summariesJson(final List<CaseSummary> cases) {
    final ArrayNode array = JSON.createArrayNode();
    cases.forEach(summary -> array.add(summary.json()));
    return array;
  }

  /** A record from {@code store} under {@code key}, from this instance or the one that holds it. */
  private <V extends SpecificRecord> Optional<JsonNode> lookup(
      final String store,
      final String key,
      final String internalPath,
      final IntFunction<Optional<V>> local,
      final UnaryOperator<JsonNode> promised) {
    return lookupJson(
        store,
        key,
        internalPath,
        partition ->
            local.apply(partition).map(record -> withoutHistogram(AvroJson.toJson(record))),
        promised);
  }

  /**
   * Asks the instance that holds {@code key}'s partition, naming the partition, so that instance
   * answers from exactly that partition or says 503. Internal endpoints never forward: one hop.
   */
  private Optional<JsonNode> lookupJson(
      final String store,
      final String key,
      final String internalPath,
      final IntFunction<Optional<JsonNode>> local,
      final UnaryOperator<JsonNode> promised) {
    final LiveState.Location location = live().locate(store, key);
    if (location.local()) {
      return local.apply(location.partition());
    }
    return peers.get(
        location.host(), internalPath + "?partition=" + location.partition(), promised);
  }

  private static int partition(final Context ctx) {
    try {
      return Integer.parseInt(ctx.queryParam("partition"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("internal lookups name the store partition: ?partition=N");
    }
  }

  private LiveState live() {
    final LiveState live = state.get();
    if (live == null) {
      throw new Unavailable("the service is starting");
    }
    return live;
  }

  private static Country country(final String code) {
    return Countries.fromCode(code)
        .orElseThrow(
            () ->
                new NotFound("no country '" + code + "'; casewatch covers KZ, KG, TJ, TM and UZ"));
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

  private static void sendLocal(
      final Context ctx, final Optional<? extends SpecificRecord> record) {
    send(
        ctx,
        withoutHistogram(AvroJson.toJson(record.orElseThrow(() -> new NotFound("not held here")))));
  }

  static void send(final Context ctx, final JsonNode body) {
    ctx.contentType("application/json").result(body.toString());
  }
}
