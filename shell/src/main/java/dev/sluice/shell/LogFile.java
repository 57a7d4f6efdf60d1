package dev.sluice.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Sends the log to {@code ~/.sluice/sluice.log}, so nothing the engine logs lands between query
 * results. slf4j-simple reads its settings from system properties before {@code
 * simplelogger.properties}, so this must run before the first logger is made; when the directory
 * cannot be made, the properties file's path under the temporary directory applies.
 *
 * <p>slf4j-simple truncates its file when it opens it, so each run first moves the log it would
 * wipe aside: {@code sluice.log.1} is the run before, up to {@link #KEPT_EARLIER_RUNS} of them, as
 * logrotate numbers them. A shell still running keeps writing to its file under the new name.
 */
final class LogFile {
  static final String PROPERTY = "org.slf4j.simpleLogger.logFile";

  /** Enough to find the run that went wrong among the last few, few enough not to fill a home directory. */
  static final int KEPT_EARLIER_RUNS = 5;

  private LogFile() {}

  static void configure() {
    Path file = chooseFile();
    if (file != null) keepEarlierRun(file);
    // Connectors log through java.util.logging (System.Logger); send it to the same file. This
    // makes the first slf4j logger, so it comes after the file is chosen and the old one moved.
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
  }

  /** The file this run logs to; null when it logs to a standard stream. */
  private static Path chooseFile() {
    String given = System.getProperty(PROPERTY);
    if (given == null) {
      Path directory = Path.of(System.getProperty("user.home"), ".sluice");
      try {
        Files.createDirectories(directory);
        if (Files.isWritable(directory)) System.setProperty(PROPERTY, directory.resolve("sluice.log").toString());
      } catch (IOException | SecurityException e) {
        // Keep the fallback of simplelogger.properties.
      }
      given = System.getProperty(PROPERTY, fallbackFile());
    }
    if (given == null || given.equals("System.err") || given.equals("System.out")) return null;
    return Path.of(given);
  }

  /** The path simplelogger.properties names, or null when it names none. */
  private static String fallbackFile() {
    try (InputStream in = LogFile.class.getResourceAsStream("/simplelogger.properties")) {
      if (in == null) return null;
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(PROPERTY);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Moves {@code file} to {@code file.1}, {@code file.1} to {@code file.2} and so on, dropping the
   * oldest, so the run about to open {@code file} wipes nothing. Best effort: a log that cannot be
   * moved must not stop the shell.
   */
  static void keepEarlierRun(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) return;
      Files.deleteIfExists(numbered(file, KEPT_EARLIER_RUNS));
      for (int run = KEPT_EARLIER_RUNS - 1; run >= 1; run--) {
        Path earlier = numbered(file, run);
        if (Files.exists(earlier)) Files.move(earlier, numbered(file, run + 1), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | SecurityException e) {
      // The log is a help, not a reason to refuse to start.
    }
  }

  private static Path numbered(Path file, int run) {
    return file.resolveSibling(file.getFileName() + "." + run);
  }
}
