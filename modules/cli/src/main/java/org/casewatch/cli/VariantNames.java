package org.casewatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The directory each rule table's files go to: its file name without the extension, made unique. */
final class VariantNames {

  private VariantNames() {}

  static List<String> of(final List<Path> rulesFiles) {
    final Map<String, Integer> seen = new HashMap<>();
    final List<String> names = new ArrayList<>();
    for (final Path file : rulesFiles) {
      final String name = file.getFileName().toString();
      final int dot = name.lastIndexOf('.');
      final String stem = dot > 0 ? name.substring(0, dot) : name;
      final int count = seen.merge(stem, 1, Integer::sum);
      names.add(count == 1 ? stem : stem + "-" + count);
    }
    return names;
  }
}
