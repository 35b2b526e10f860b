package org.casewatch.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request's query parameters as the list filters read them: a filter may be repeated ({@code
 * severity=HIGH&severity=MEDIUM}) or given as a comma-separated list ({@code
 * severity=HIGH,MEDIUM}); blank values are ignored; symbols are case-insensitive. An unknown value
 * is a {@link BadParameter} naming the parameter, the value and the values allowed.
 */
final class QueryParameters {

  private final Map<String, List<String>> values;

  QueryParameters(final Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Refuses a parameter the list does not take (a misspelt {@code severty=HIGH} would otherwise
   * return the whole list unfiltered): a {@link BadParameter} naming it and the parameters taken.
   */
  QueryParameters takingOnly(final List<String> taken) {
    for (final String name : values.keySet()) {
      if (!taken.contains(name)) {
        throw new BadParameter("parameter", name, taken);
      }
    }
    return this;
  }

  /**
   * Every value given for {@code name}, repeated and comma-separated ones split, blanks left out.
   */
  List<String> all(final String name) {
    final List<String> found = new ArrayList<>();
    for (final String given : values.getOrDefault(name, List.of())) {
      // Empty parts are blank and left out: a limit of -1 keeps the default's result.
      for (final String part : given.split(",", -1)) {
        if (!part.isBlank()) {
          found.add(part.trim());
        }
      }
    }
    return found;
  }

  /** The one value of {@code name}, if given (the first, if given twice). */
  Optional<String> single(final String name) {
    return values.getOrDefault(name, List.of()).stream()
        .filter(value -> !value.isBlank())
        .findFirst()
        .map(String::trim);
  }

  /**
   * {@code limit}: how many items a page holds, 1 to {@code max}, {@code byDefault} if not given.
   */
  int limit(final int byDefault, final int max) {
    final Optional<String> given = single("limit");
    if (given.isEmpty()) {
      return byDefault;
    }
    try {
      final int value = Integer.parseInt(given.get());
      if (value < 1 || value > max) {
        throw new IllegalArgumentException("limit must be between 1 and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number, was '" + given.get() + "'");
    }
  }

  /** The symbols of {@code type} given for {@code name}; empty when the filter is not set. */
  <E extends Enum<E>> Set<E> symbols(final String name, final Class<E> type) {
    final Set<E> chosen = EnumSet.noneOf(type);
    for (final String text : all(name)) {
      chosen.add(symbol(name, text, type));
    }
    return chosen;
  }

  private static <E extends Enum<E>> E symbol(
      final String name, final String text, final Class<E> type) {
    for (final E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    final List<String> allowed = new ArrayList<>();
    for (final E constant : type.getEnumConstants()) {
      allowed.add(constant.name());
    }
    throw new BadParameter(name, text, allowed);
  }

  /**
   * Canonical form of a set filter for another instance: {@code &name=A,B}, or nothing when unset.
   */
  static String encode(final String name, final Set<? extends Enum<?>> chosen) {
    if (chosen.isEmpty()) {
      return "";
    }
    return "&"
        + name
        + "="
        + chosen.stream()
            .sorted(Comparator.comparingInt(Enum::ordinal))
            .map(Enum::name)
            .collect(Collectors.joining(","));
  }
}
