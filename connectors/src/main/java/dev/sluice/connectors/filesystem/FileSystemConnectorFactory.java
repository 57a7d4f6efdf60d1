package dev.sluice.connectors.filesystem;

import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code 'connector' = 'filesystem'} tables, with Flink's option names where Flink has the same
 * thing: {@code 'path'} (a directory) and {@code 'format'} ({@code csv}, {@code json} or {@code
 * raw}, with their {@code csv.*} and {@code json.*} options) are required. As a source ({@link
 * FileSource}):
 *
 * <ul>
 *   <li>{@code 'max-files-per-trigger'}: the most new files one batch reads (default: all);
 *   <li>{@code 'max-bytes-per-trigger'}: about the most bytes one batch reads, such as {@code '64
 *       mb'} (default 8 MiB), a larger file being read in pieces over several batches;
 *   <li>{@code 'latest-first'}: read the newest files first (default false: oldest first);
 *   <li>{@code 'source.monitor-interval'}: list the directory at most this often, such as {@code
 *       '10 s'} (default: at every trigger);
 *   <li>{@code 'on-error'} and {@code 'dead-letter.table'}: what a malformed record does, see
 *       {@link MalformedRecords}.
 * </ul>
 *
 * As a sink ({@link FileSink}) only {@code 'path'} and {@code 'format'} apply.
 */
public final class FileSystemConnectorFactory implements SourceFactory, SinkFactory {
  public static final String IDENTIFIER = "filesystem";
  public static final String PATH = "path";
  public static final String MAX_FILES_PER_TRIGGER = "max-files-per-trigger";
  public static final String MAX_BYTES_PER_TRIGGER = "max-bytes-per-trigger";
  public static final String LATEST_FIRST = "latest-first";
  public static final String MONITOR_INTERVAL = "source.monitor-interval";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of(PATH, RecordFormat.FORMAT);
  }

  @Override
  public Set<String> optionalOptions() {
    Set<String> options = new TreeSet<>(RecordFormat.optionKeys());
    options.addAll(MalformedRecords.OPTIONS);
    options.addAll(Set.of(MAX_FILES_PER_TRIGGER, MAX_BYTES_PER_TRIGGER, LATEST_FIRST, MONITOR_INTERVAL));
    return options;
  }

  /**
   * The directory of {@code 'path'}: a local path, or a {@code file:} URI as Flink DDL often has.
   */
  static Path directory(ConnectorOptions options) {
    String path = options.require(PATH).trim();
    if (path.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        return Path.of(URI.create(path)).toAbsolutePath().normalize();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The 'path' of table '"
                + options.tableName()
                + "' is not a valid file URI: '"
                + path
                + "'. Write file:///absolute/path or a plain path",
            e);
      }
    }
    if (path.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "The 'path' of table '"
              + options.tableName()
              + "' is '"
              + path
              + "', but the filesystem connector reads and writes local directories only");
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  @Override
  public Source createSource(TableContext context) {
    return new FileSource(context);
  }

  @Override
  public Sink createSink(TableContext context) {
    return new FileSink(context);
  }
}
