package org.casewatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directory each rule table's files go to: its file name without the extension, with anything
 * but letters, digits, '.', '_' and '-' replaced by '_', never "." or "..", and made unique by
 * "-2", "-3"… in the order given.
 */
final class VariantNames {

  private VariantNames() {}

  static List<String> of(final List<Path> rulesFiles) {
    final Set<String> used = new HashSet<>();
    final List<String> names = new ArrayList<>();
    for (final Path file : rulesFiles) {
      final String name = file.getFileName() == null ? "" : file.getFileName().toString();
      final int dot = name.lastIndexOf('.');
      String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
      if (stem.isEmpty() || stem.chars().allMatch(c -> c == '.')) {
        stem = "rules";
      }
      String candidate = stem;
      for (int n = 2; !used.add(candidate); n++) {
        candidate = stem + "-" + n;
      }
      names.add(candidate);
    }
    return names;
  }
}
