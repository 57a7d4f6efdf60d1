package dev.sluice.connectors.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemOptionsTest {
  @TempDir Path directory;

  private String refusal(String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("connector", "filesystem");
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    ConnectorOptions connectorOptions = new ConnectorOptions("t", map);
    return assertThrows(
            IllegalArgumentException.class,
            () -> {
              new FileSystemConnectorFactory().validate(connectorOptions);
              new FileSystemConnectorFactory()
                  .createSource(
                      new TableContext(
                          "t", FileSourceTest.SCHEMA, connectorOptions, new ConnectorServices()));
            })
        .getMessage();
  }

  @Test
  void anUnknownOptionIsRefusedWithTheValidOnesListed() {
    String message =
        refusal("path", directory.toString(), "format", "csv", "maxFilesPerTrigger", "1");
    assertTrue(
        message.startsWith(
            "Unknown option 'maxFilesPerTrigger' for connector 'filesystem' in table 't'. Valid"
                + " options: "),
        message);
    for (String option :
        new String[] {
          "path",
          "format",
          "max-files-per-trigger",
          "latest-first",
          "source.monitor-interval",
          "csv.field-delimiter",
          "csv.ignore-first-line",
          "json.fail-on-missing-field",
          "on-error",
          "dead-letter.table"
        }) {
      assertTrue(message.contains(option), option + " missing from " + message);
    }
  }

  @Test
  void pathAndFormatAreRequired() {
    assertEquals(
        "Connector 'filesystem' of table 't' needs the option 'path'", refusal("format", "csv"));
    assertEquals(
        "Connector 'filesystem' of table 't' needs the option 'format'",
        refusal("path", directory.toString()));
  }

  @Test
  void badValuesAreRefusedWithTheReason() {
    String path = directory.toString();
    assertEquals(
        "Option 'max-files-per-trigger' of table 't' must be at least 1, not 0",
        refusal("path", path, "format", "csv", "max-files-per-trigger", "0"));
    assertEquals(
        "Option 'latest-first' of table 't' must be 'true' or 'false', not 'yes'",
        refusal("path", path, "format", "csv", "latest-first", "yes"));
    assertTrue(
        refusal("path", path, "format", "csv", "source.monitor-interval", "soon")
            .contains("must be a duration such as '500 ms', '10 s' or '1 min'"));
  }

  @Test
  void aPathMayBeAFileUriAsInFlinkButNotAnotherFileSystem() {
    Map<String, String> options = Map.of("path", directory.toUri().toString(), "format", "csv");
    assertEquals(
        directory.toAbsolutePath(),
        FileSystemConnectorFactory.directory(new ConnectorOptions("t", options)));
    assertEquals(
        "The 'path' of table 't' is 'hdfs://namenode/in', but the filesystem connector reads and"
            + " writes local directories only",
        refusal("path", "hdfs://namenode/in", "format", "csv"));
  }
}
