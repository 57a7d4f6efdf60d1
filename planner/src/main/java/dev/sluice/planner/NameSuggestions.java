package dev.sluice.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a misspelt one, for "did you mean" hints. */
public final class NameSuggestions {
  private NameSuggestions() {}

  /** Up to three candidates within a small edit distance of {@code name}, closest first. */
  public static List<String> nearest(String name, Iterable<String> candidates) {
    String target = name.toLowerCase(Locale.ROOT);
    List<String> near = new ArrayList<>();
    for (String candidate : candidates) {
      if (distance(target, candidate.toLowerCase(Locale.ROOT)) <= Math.max(2, target.length() / 3)) near.add(candidate);
    }
    near.sort(Comparator.comparingInt(c -> distance(target, c.toLowerCase(Locale.ROOT))));
    return near.size() > 3 ? near.subList(0, 3) : near;
  }

  /** " Did you mean 'a' or 'b'?" or the empty string. */
  public static String hint(String name, Iterable<String> candidates) {
    List<String> near = nearest(name, candidates);
    if (near.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(" Did you mean ");
    for (int i = 0; i < near.size(); i++) {
      if (i > 0) sb.append(i == near.size() - 1 ? " or " : ", ");
      sb.append('\'').append(near.get(i)).append('\'');
    }
    return sb.append('?').toString();
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
