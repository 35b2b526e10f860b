package org.casewatch.http;

import io.javalin.http.HttpResponseException;

/**
 * 421: the request's {@code Host} is not a name this server answers to, as when a DNS-rebinding
 * page points its own name at a coordinator's local server.
 */
public final class MisdirectedRequest extends HttpResponseException {

  public MisdirectedRequest(final String host) {
    super(
        421,
        "Host '"
            + host
            + "' is not one this server answers to; use one of its configured names "
            + "(casewatch.http.allowed.hosts / --allowed-hosts)");
  }
}
