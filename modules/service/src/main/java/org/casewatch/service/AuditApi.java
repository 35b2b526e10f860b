package org.casewatch.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.casewatch.json.AvroJson;

/**
 * {@code GET /v1/audit?caseId=&tokenId=&since=&limit=&cursor=}: the audit of reads, for auditors
 * (who may read nothing else; {@link AuditedRead} keeps the roles apart), oldest first, a page of
 * {@code limit} records (100 by default, at most 1000) and a {@code nextCursor} while more match.
 * Reading the audit is itself recorded (AUDIT_READ).
 */
final class AuditApi {

  static final String PATH = "/v1/audit";

  private final AuditReader reader;

  AuditApi(final AuditReader reader) {
    this.reader = reader;
  }

  void mount(final RoutesConfig routes) {
    routes.get(PATH, this::audit);
  }

  private void audit(final Context ctx) {
    final AuditQuery query = AuditQuery.from(new QueryParameters(ctx.queryParamMap()));
    final AuditReader.Page page = reader.read(query);
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    final ArrayNode records = body.putArray("records");
    page.records().forEach(record -> records.add(AvroJson.toJson(record)));
    if (page.next().isPresent()) {
      body.put("nextCursor", page.next().get().encode());
    } else {
      body.putNull("nextCursor");
    }
    QueryApi.send(ctx, body);
  }
}
