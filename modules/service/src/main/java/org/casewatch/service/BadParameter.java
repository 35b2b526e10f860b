package org.casewatch.service;

import java.util.List;

/**
 * A query parameter with a value the API does not know: answered 400 with the parameter, the value
 * and the values it takes, so a client (or a coordinator typing a URL) can correct it.
 */
final class BadParameter extends IllegalArgumentException {

  private final String parameter;
  private final String value;
  private final List<String> allowed;

  BadParameter(final String parameter, final String value, final List<String> allowed) {
    super(parameter + " '" + value + "' is not one of " + String.join(", ", allowed));
    this.parameter = parameter;
    this.value = value;
    this.allowed = List.copyOf(allowed);
  }

  String parameter() {
    return parameter;
  }

  String value() {
    return value;
  }

  List<String> allowed() {
    return allowed;
  }
}
