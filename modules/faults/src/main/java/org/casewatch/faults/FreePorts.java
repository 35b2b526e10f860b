package org.casewatch.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A port nobody listens on right now, for a child process to take, and to take again after it is
 * killed. Chosen below Linux's ephemeral range (32768 and up): a port the system hands out for an
 * outgoing connection meanwhile would keep a restarted process off its port. 26000-31999: the
 * demo's test, which may run beside the harness, takes 20000-25999. No port is handed out twice.
 */
final class FreePorts {

  private static final Random RANDOM = new SecureRandom();
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  static synchronized int next() {
    while (true) {
      final int port = 26_000 + RANDOM.nextInt(6_000);
      if (!HANDED_OUT.contains(port) && free(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
  }

  private static boolean free(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
