package org.casewatch.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link SecureCasewatchCluster}: one SASL/SCRAM broker with ACLs per test run (per
 * test JVM), started on first use and closed when the run ends. Declare a {@code
 * SecureCasewatchCluster} parameter; only the tests of security need it.
 */
public final class SecureKafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecureKafkaExtension.class);

  @Override
  public boolean supportsParameter(
      final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == SecureCasewatchCluster.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SecureCasewatchCluster.class,
            type -> SecureCasewatchCluster.start(),
            SecureCasewatchCluster.class);
  }
}
