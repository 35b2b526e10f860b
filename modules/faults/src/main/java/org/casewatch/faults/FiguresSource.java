package org.casewatch.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Where a run reads the country figures it checks against the truth, flattened as {@link
 * IndependentFold} names them. casewatch's own is {@link #SERVICE}; a test may check a deliberately
 * broken one to prove the check can fail.
 */
@FunctionalInterface
public interface FiguresSource {

  /**
   * The service's {@code GET /v1/countries}, asked of its first instance, as a coordinator sees it.
   */
  FiguresSource SERVICE =
      deployment -> {
        try {
          return IndependentFold.figuresOf(
              new ObjectMapper().readTree(deployment.read(0, "/v1/countries")));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  Map<String, Long> figures(Deployment deployment);
}
