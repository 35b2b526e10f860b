package org.casewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casewatch.faults.Fault;
import org.casewatch.faults.FaultReport;
import org.casewatch.faults.FaultRun;
import org.casewatch.faults.FaultRunSettings;

/**
 * The long fault run: three Kafka nodes, the registry, the gateway and two service instances as
 * processes of their own; a million events through the gateway while service instances, brokers,
 * the gateway and the registry are killed; then the exact checks of the short run in CI. Prints the
 * report, with the recovery table that docs/reliability.md shows; exits 1 if the run was not exact.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl modules/bench exec:java
 * -Dexec.mainClass=org.casewatch.bench.FaultBenchmark -Dexec.args="1000000 20 3"} (events, service
 * kills, broker kills; a fourth argument sets the pace in events/s while faults go on, default
 * 2000).
 */
public final class FaultBenchmark {

  private FaultBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    final int serviceKills = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    final int brokerKills = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    final double pace = args.length > 3 ? Double.parseDouble(args[3]) : 2_000;
    final FaultRunSettings settings =
        new FaultRunSettings(
            events,
            2026,
            3,
            2,
            pace,
            200,
            Duration.ofSeconds(10),
            "exactly_once_v2",
            plan(serviceKills, brokerKills),
            Duration.ofSeconds(5),
            Duration.ofMinutes(30),
            10);
    System.out.printf(
        "Fault run: %,d events, %d service kills, %d broker kills, a gateway kill, the registry"
            + " down 30 s, at %,.0f events/s while faults go on%n",
        events, serviceKills, brokerKills, pace);
    final FaultReport report =
        new FaultRun(settings, Path.of("target", "faults", "long-run")).run();
    System.out.print(report.summary());
    System.exit(report.exact() && report.repeatedStackTraces().isEmpty() ? 0 : 1);
  }

  /**
   * Service kills on alternate instances (every fourth left down until the survivor has taken
   * over), broker kills spread among them on each node in turn, one gateway kill with redelivery
   * and 30 s without the registry in the middle.
   */
  static List<Fault> plan(final int serviceKills, final int brokerKills) {
    final List<Fault> faults = new ArrayList<>();
    final int every =
        brokerKills == 0 ? Integer.MAX_VALUE : Math.max(1, serviceKills / brokerKills);
    int brokers = 0;
    for (int kill = 0; kill < serviceKills; kill++) {
      faults.add(kill % 4 == 3 ? new Fault.Takeover(kill % 2) : new Fault.ServiceKill(kill % 2));
      if (kill % every == every / 2 && brokers < brokerKills) {
        faults.add(new Fault.BrokerKill(brokers % 3, Duration.ofSeconds(5)));
        brokers++;
      }
      if (kill == serviceKills / 2) {
        faults.add(new Fault.GatewayKill(2));
        faults.add(new Fault.RegistryDown(Duration.ofSeconds(30)));
      }
    }
    for (; brokers < brokerKills; brokers++) {
      faults.add(new Fault.BrokerKill(brokers % 3, Duration.ofSeconds(5)));
    }
    return faults;
  }
}
