package org.casewatch.cli;

import picocli.CommandLine.Option;

/** {@code --gateway}: where the commands that publish through the gateway find it. */
final class GatewayUrlOption {

  /** The gateway's port unless told otherwise, here, in the demo and in docker-compose.yml. */
  static final int DEFAULT_PORT = 8088;

  @Option(
      names = "--gateway",
      defaultValue = "http://localhost:" + DEFAULT_PORT,
      description = "The gateway's URL (default: ${DEFAULT-VALUE}).")
  String url;
}
