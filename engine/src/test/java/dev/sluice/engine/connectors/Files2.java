package dev.sluice.engine.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test files that appear as a well-behaved writer makes them: written aside, then moved in. */
final class Files2 {
  private static final long BASE_MILLIS = 1_700_000_000_000L;

  private Files2() {}

  /** Writes {@code lines} to {@code directory/name} atomically, modified at second {@code second}. */
  static Path moveIn(Path directory, String name, int second, String... lines) {
    try {
      Path temp = directory.resolve("." + name + ".tmp");
      Files.writeString(temp, String.join("\n", lines) + "\n");
      Files.setLastModifiedTime(temp, FileTime.fromMillis(BASE_MILLIS + second * 1000L));
      return Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of {@code directory} a reader of its data sees, by name, with their text. */
  static Map<String, String> dataFiles(Path directory) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path file : list.toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith("_") && !name.startsWith(".")) files.put(name, Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** A path as a SQL string literal's content. */
  static String sql(Path path) {
    return path.toString().replace("'", "''");
  }
}
