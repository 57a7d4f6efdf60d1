package dev.sluice.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Connectors see the SPI and the type and data model of the runtime, nothing else of Sluice. */
class LayeringTest {
  private static final Pattern SLUICE_REFERENCE =
      Pattern.compile("\\bdev\\.sluice\\.([a-z_.]+)\\.[A-Z*]");
  private static final List<String> ALLOWED =
      List.of("connectors", "runtime.spi", "runtime.data", "runtime.type");

  @Test
  void connectorsReferenceOnlyTheSpiAndTheDataModel() throws IOException {
    Path sources = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(files.isEmpty(), "no sources under " + sources.toAbsolutePath());
    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      Matcher matcher = SLUICE_REFERENCE.matcher(Files.readString(file));
      while (matcher.find()) {
        String pkg = matcher.group(1);
        boolean allowed = ALLOWED.stream().anyMatch(a -> pkg.equals(a) || pkg.startsWith(a + "."));
        if (!allowed) violations.add(sources.relativize(file) + ": dev.sluice." + pkg);
      }
    }
    assertEquals(List.of(), violations);
  }
}
