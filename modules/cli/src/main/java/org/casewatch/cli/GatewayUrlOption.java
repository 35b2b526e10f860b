package org.casewatch.cli;

import org.casewatch.gateway.GatewayConfig;
import picocli.CommandLine.Option;

/** {@code --gateway}: where the commands that publish through the gateway find it. */
final class GatewayUrlOption {

  @Option(
      names = "--gateway",
      defaultValue = "http://localhost:" + GatewayConfig.DEFAULT_PORT,
      description = "The gateway's URL (default: ${DEFAULT-VALUE}).")
  String url;
}
