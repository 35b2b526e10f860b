package org.casewatch.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The documented defaults, and the mistakes the configuration refuses before any call. */
class RegistryClientConfigTest {

  @Test
  void ofUsesTheDocumentedDefaults() {
    final RegistryClientConfig config = RegistryClientConfig.of("http://localhost:8081");

    assertThat(config.baseUrl()).isEqualTo("http://localhost:8081");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.basicAuthUserInfo()).isNull();
  }

  @Test
  void stripsTrailingSlashes() {
    assertThat(RegistryClientConfig.of(" https://registry.example/ccompat// ").baseUrl())
        .isEqualTo("https://registry.example/ccompat");
  }

  @Test
  void withersChangeOnlyTheirSetting() {
    final RegistryClientConfig config =
        RegistryClientConfig.of("http://localhost:8081")
            .withRequestTimeout(Duration.ofSeconds(1))
            .withConnectTimeout(Duration.ofMillis(500))
            .withMaxRetries(0)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .withLatestCacheTtl(Duration.ZERO)
            .withBasicAuth("user:pw");

    assertThat(config)
        .isEqualTo(
            new RegistryClientConfig(
                "http://localhost:8081",
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                0,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ZERO,
                "user:pw"));
  }

  @Test
  void backoffDoublesUpToTheCap() {
    final RegistryClientConfig config = RegistryClientConfig.of("http://localhost:8081");

    assertThat(config.backoffBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(config.backoffBeforeRetry(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(config.backoffBeforeRetry(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.backoffBeforeRetry(1_000)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(RegistryClientConfig.of("http://localhost:8081").withBasicAuth("casewatch:s3cret"))
        .asString()
        .contains("casewatch:****")
        .doesNotContain("s3cret");
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryClientConfig.of("http://a:8081,http://b:8081"))
        .withMessageContaining("one schema registry URL");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
        .withMessageContaining("http://");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryClientConfig.of("http://localhost:8081").withMaxRetries(-1));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                RegistryClientConfig.of("http://localhost:8081").withRequestTimeout(Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryClientConfig.of("http://localhost:8081").withBasicAuth("user"))
        .withMessageContaining("user:password");
  }
}
