package dev.sluice.shell.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the README its tests check: its fenced code blocks, each with the example marker
 * above it, and its links.
 *
 * @param lines the README's lines
 */
record Readme(List<String> lines) {
  private static final Pattern FENCE_START = Pattern.compile("^\\s*```\\s*([A-Za-z]+)\\s*$");
  private static final Pattern FENCE_END = Pattern.compile("^\\s*```\\s*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example:\\s*(.*?)\\s*-->\\s*$");
  /** {@code [text](target)}, the target without a title. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /**
   * A fenced code block.
   *
   * @param firstLine the README line of the block's first line of code
   * @param language what follows the opening fence: {@code sql}, {@code java}, ...
   * @param code the lines between the fences
   * @param marker what the {@code <!-- example: ... -->} comment just above the fence says, or null
   */
  record Block(int firstLine, String language, String code, String marker) {
    /** {@code <!-- example: continues -->}: it runs in the shell of the block before. */
    boolean continues() {
      return "continues".equals(marker);
    }

    /** The reason of {@code <!-- example: skip, REASON -->}, or null when the block runs. */
    String skipReason() {
      return marker != null && marker.startsWith("skip,") ? marker.substring("skip,".length()).strip() : null;
    }

    /** Whether the marker is one of those the README documents, with a reason for a skip. */
    boolean markerIsKnown() {
      return marker == null || continues() || (skipReason() != null && !skipReason().isEmpty());
    }
  }

  static Readme of(String text) {
    return new Readme(text.lines().toList());
  }

  List<Block> blocks(String language) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher start = FENCE_START.matcher(lines.get(i));
      if (!start.matches()) continue;
      int end = i + 1;
      while (end < lines.size() && !FENCE_END.matcher(lines.get(end)).matches()) end++;
      if (start.group(1).equalsIgnoreCase(language)) {
        blocks.add(new Block(i + 2, language, String.join("\n", lines.subList(i + 1, end)) + "\n", markerAbove(i)));
      }
      i = end;
    }
    return blocks;
  }

  /** The marker on the last line before {@code fence} that is not blank, or null. */
  private String markerAbove(int fence) {
    for (int i = fence - 1; i >= 0; i--) {
      if (lines.get(i).isBlank()) continue;
      Matcher marker = MARKER.matcher(lines.get(i));
      return marker.matches() ? marker.group(1) : null;
    }
    return null;
  }

  /** Each link's target with the line it is on, outside code blocks. */
  List<Link> links() {
    List<Link> links = new ArrayList<>();
    boolean inCode = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE_START.matcher(line).matches() || FENCE_END.matcher(line).matches()) {
        inCode = !inCode;
        continue;
      }
      if (inCode) continue;
      Matcher link = LINK.matcher(line);
      while (link.find()) links.add(new Link(i + 1, link.group(1)));
    }
    return links;
  }

  /** A link's target and its line. */
  record Link(int line, String target) {}

  /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as dashes. */
  List<String> anchors() {
    List<String> anchors = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("#")) continue;
      String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT);
      anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
    }
    return anchors;
  }
}
