package dev.sluice.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the log to {@code ~/.sluice/sluice.log}, so nothing the engine logs lands between query
 * results. slf4j-simple reads its settings from system properties before {@code
 * simplelogger.properties}, so this must run before the first logger is made; when the directory
 * cannot be made, the properties file's path under the temporary directory applies.
 */
final class LogFile {
  static final String PROPERTY = "org.slf4j.simpleLogger.logFile";

  private LogFile() {}

  static void configure() {
    chooseFile();
    // Connectors log through java.util.logging (System.Logger); send it to the same file. This
    // makes the first slf4j logger, so it comes after the file is chosen.
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
  }

  private static void chooseFile() {
    if (System.getProperty(PROPERTY) != null) return;
    Path directory = Path.of(System.getProperty("user.home"), ".sluice");
    try {
      Files.createDirectories(directory);
      if (Files.isWritable(directory)) System.setProperty(PROPERTY, directory.resolve("sluice.log").toString());
    } catch (IOException | SecurityException e) {
      // Keep the fallback of simplelogger.properties.
    }
  }
}
