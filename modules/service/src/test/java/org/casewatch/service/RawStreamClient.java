package org.casewatch.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An alert stream client on a bare socket: it sends the request, reads the answer's head and then
 * reads nothing more, so a test decides how it leaves (reset, plain close) or that it never reads.
 */
final class RawStreamClient implements AutoCloseable {

  private final Socket socket;
  private final String head;

  private RawStreamClient(final Socket socket, final String head) {
    this.socket = socket;
    this.head = head;
  }

  /**
   * Opens {@code GET /v1/alerts/stream}; {@code receiveBuffer} bytes of socket receive buffer if
   * positive (a small one makes a client that never reads stall the server's writes sooner).
   */
  static RawStreamClient connect(final int port, final String token, final int receiveBuffer)
      throws IOException {
    final Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.setSoTimeout(30_000);
    socket.connect(new InetSocketAddress("localhost", port), 10_000);
    socket
        .getOutputStream()
        .write(
            ("GET /v1/alerts/stream HTTP/1.1\r\nHost: localhost:"
                    + port
                    + "\r\n"
                    + "Authorization: Bearer "
                    + token
                    + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return new RawStreamClient(socket, readHead(socket.getInputStream()));
  }

  private static String readHead(final InputStream in) throws IOException {
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
      final int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** The answer's status line, e.g. {@code HTTP/1.1 200 OK}. */
  String statusLine() {
    return head.lines().findFirst().orElse("");
  }

  /**
   * Leaves without a goodbye: the connection is reset (RST), as when a laptop drops off the network
   * mid-stream.
   */
  void vanish() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
