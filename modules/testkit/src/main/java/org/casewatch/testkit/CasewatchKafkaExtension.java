package org.casewatch.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link CasewatchCluster}: ONE real broker and registry per test run (per test JVM),
 * started on first use and closed when the run ends. Declare a {@code CasewatchCluster} parameter
 * in a constructor, a lifecycle method or a test method.
 */
public final class CasewatchKafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CasewatchKafkaExtension.class);

  @Override
  public boolean supportsParameter(
      final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == CasewatchCluster.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return cluster(context);
  }

  /** The run's cluster, started if this is its first use. */
  public static CasewatchCluster cluster(final ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            CasewatchCluster.class, type -> CasewatchCluster.start(), CasewatchCluster.class);
  }
}
