package org.casewatch.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's ports, checked before anything starts so that a taken one is reported, not
 * half-started around.
 */
final class DemoPorts {

  private final Map<String, Integer> byUse = new LinkedHashMap<>();

  DemoPorts add(final String use, final String option, final int port) {
    byUse.put(use + " (" + option + ")", port);
    return this;
  }

  /** One line per port already in use, saying which option moves it. */
  List<String> taken() {
    final List<String> problems = new ArrayList<>();
    byUse.forEach(
        (use, port) -> {
          if (!free(port)) {
            problems.add(
                "Port "
                    + port
                    + " for "
                    + use
                    + " is already in use by another program: stop it, or choose "
                    + "another port with "
                    + use.substring(use.indexOf('(') + 1, use.length() - 1)
                    + ".");
          }
        });
    return problems;
  }

  private static boolean free(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(
          true); // as the servers do: connections in TIME_WAIT do not make a port taken
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
