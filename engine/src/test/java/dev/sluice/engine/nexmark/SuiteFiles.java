package dev.sluice.engine.nexmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The suite's SQL files, kept unchanged under {@code src/test/resources/nexmark/}, with their
 * {@code ${...}} placeholders replaced as the suite's runner does.
 */
final class SuiteFiles {
  private SuiteFiles() {}

  /** The text of {@code name} with each {@code ${key}} replaced by its value. */
  static String read(String name, Map<String, String> variables) {
    String text;
    try (InputStream in = SuiteFiles.class.getResourceAsStream("/nexmark/" + name)) {
      if (in == null) throw new IllegalStateException("no suite file /nexmark/" + name);
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      text = text.replace("${" + variable.getKey() + "}", variable.getValue());
    }
    if (text.contains("${")) throw new IllegalStateException(name + " has a placeholder left: " + text);
    return text;
  }
}
