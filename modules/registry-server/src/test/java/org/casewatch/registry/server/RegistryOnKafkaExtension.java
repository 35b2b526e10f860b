package org.casewatch.registry.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the registry's integration tests a {@link RegistryOnKafka}: ONE broker and registry per
 * test JVM, started on first use and closed when the run ends, as the testkit's
 * {@code @WithCasewatchKafka} does. Declare a {@code RegistryOnKafka} parameter in a constructor, a
 * lifecycle method or a test method.
 */
final class RegistryOnKafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryOnKafkaExtension.class);

  @Override
  public boolean supportsParameter(
      final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == RegistryOnKafka.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            RegistryOnKafka.class, type -> RegistryOnKafka.start(), RegistryOnKafka.class);
  }
}
