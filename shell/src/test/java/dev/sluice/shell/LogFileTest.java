package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
  @TempDir Path home;

  @Test
  void eachRunStartsANewLogAndKeepsTheEarlierOnes() throws Exception {
    Path logs = Files.createDirectories(home.resolve(".sluice"));
    Files.writeString(logs.resolve("sluice.log"), "the run before\n");
    Files.writeString(logs.resolve("sluice.log.1"), "two runs before\n");

    ShellProcess run = ShellProcess.start(home, "-e", "SHOW TABLES;");

    assertEquals(0, run.awaitExit(), run.err());
    assertEquals("the run before\n", Files.readString(logs.resolve("sluice.log.1")), "the last run's log is kept");
    assertEquals("two runs before\n", Files.readString(logs.resolve("sluice.log.2")), "older logs move up one");
    assertTrue(Files.exists(logs.resolve("sluice.log")), "this run logs to sluice.log");
    assertFalse(Files.readString(logs.resolve("sluice.log")).contains("run before"), "this run's log starts empty");
  }

  @Test
  void onlyTheLastFewLogsAreKept() throws Exception {
    Path logs = Files.createDirectories(home.resolve(".sluice"));
    Files.writeString(logs.resolve("sluice.log"), "newest\n");
    for (int i = 1; i <= LogFile.KEPT_EARLIER_RUNS; i++) Files.writeString(logs.resolve("sluice.log." + i), "run " + i + "\n");

    LogFile.keepEarlierRun(logs.resolve("sluice.log"));

    assertEquals("newest\n", Files.readString(logs.resolve("sluice.log.1")));
    assertEquals("run " + (LogFile.KEPT_EARLIER_RUNS - 1) + "\n",
        Files.readString(logs.resolve("sluice.log." + LogFile.KEPT_EARLIER_RUNS)));
    assertFalse(Files.exists(logs.resolve("sluice.log." + (LogFile.KEPT_EARLIER_RUNS + 1))));
    assertFalse(Files.exists(logs.resolve("sluice.log")), "the file the new run writes is free");
  }
}
