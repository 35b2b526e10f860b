package org.casewatch.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where an HTTP server listens and how it serves HTTPS: the options the gateway and the service
 * share, named and described the same. Their defaults are each process's key table's.
 */
final class HttpServerOptions {

  @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      description =
          "Address to listen on: 0.0.0.0 every interface, localhost this machine only (default:"
              + " ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--tls-cert",
      description = "PEM certificate chain to serve HTTPS with (with --tls-key).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      description = "The certificate's unencrypted PKCS#8 PEM private key.")
  Path tlsKey;

  @Option(
      names = "--tls-keystore",
      description = "PKCS12 or JKS keystore to serve HTTPS with (instead of PEM files).")
  Path tlsKeystore;

  @Option(
      names = "--tls-keystore-password",
      description = "The keystore's password (or CASEWATCH_HTTP_TLS_KEYSTORE_PASSWORD).")
  String tlsKeystorePassword;

  @Option(
      names = "--allowed-hosts",
      split = ",",
      description = "Host names requests may address, e.g. localhost,127.0.0.1 (default: any).")
  List<String> allowedHosts;
}
