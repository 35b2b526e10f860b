package org.casewatch.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: liveness (200 unless the Streams client has failed or stopped) with the
 * Streams state; {@code GET /health/ready}: readiness, 200 only while RUNNING (not during start-up
 * or a rebalance), so a load balancer sends queries only where state is queryable.
 */
final class Health {

  private static final Set<KafkaStreams.State> DEAD =
      Set.of(
          KafkaStreams.State.ERROR,
          KafkaStreams.State.NOT_RUNNING,
          KafkaStreams.State.PENDING_ERROR,
          KafkaStreams.State.PENDING_SHUTDOWN);

  private final Supplier<KafkaStreams.State> state;

  Health(final Supplier<KafkaStreams.State> state) {
    this.state = state;
  }

  void live(final Context ctx) {
    final KafkaStreams.State current = state.get();
    final boolean alive = current == null || !DEAD.contains(current);
    respond(ctx, alive ? 200 : 503, alive ? "UP" : "DOWN", current);
  }

  void ready(final Context ctx) {
    final KafkaStreams.State current = state.get();
    final boolean ready = current == KafkaStreams.State.RUNNING;
    respond(ctx, ready ? 200 : 503, ready ? "READY" : "NOT_READY", current);
  }

  private static void respond(
      final Context ctx, final int status, final String verdict, final KafkaStreams.State current) {
    final ObjectNode body =
        JsonNodeFactory.instance
            .objectNode()
            .put("status", verdict)
            .put("streams", current == null ? "STARTING" : current.name());
    if (status == 503) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
