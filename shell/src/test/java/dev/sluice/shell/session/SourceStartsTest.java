package dev.sluice.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceStartsTest {
  private final SluiceEngine engine = SluiceEngine.open();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void eachSourceOfAQueryIsNamedWithWhereItStarts() {
    engine.execute("CREATE TABLE clicks (user_id INT) WITH ('connector' = 'datagen')");
    engine.execute("CREATE TABLE users (id INT, name VARCHAR) WITH ('connector' = 'memory', 'scan.bounded' = 'true')");
    StreamingQuery query = engine.execute("SELECT c.user_id, u.name FROM clicks c JOIN users u ON c.user_id = u.id").query();
    assertEquals("reads clicks (datagen) new data only, generated from now on, users (memory, static) whole at the start",
        SourceStarts.describe(query, engine));
  }

  @Test
  void aCheckpointLocationIsWhereAQueryResumes() {
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
    engine.execute("SET 'checkpoint.location' = '/tmp/no-such-sluice-checkpoint-" + ProcessHandle.current().pid() + "'");
    StreamingQuery query = engine.execute("SELECT word FROM words").query();
    assertEquals("resumes from its checkpoint in /tmp/no-such-sluice-checkpoint-" + ProcessHandle.current().pid()
        + " if it holds one, else reads words (memory) from the beginning, its first row", SourceStarts.describe(query, engine));
  }

  @Test
  void kafkaStartsWhereItsStartupModeSays() {
    assertEquals("from the beginning, the earliest offset of topic orders", SourceStarts.start("kafka", Map.of("topic", "orders")));
    assertEquals("new data only, from the latest offset of topic orders",
        SourceStarts.start("kafka", Map.of("topic", "orders", "scan.startup.mode", "latest-offset")));
    assertEquals("new data only, from localhost:9999", SourceStarts.start("socket", Map.of("hostname", "localhost", "port", "9999")));
    assertEquals("from the beginning, the files in /data/in then new ones", SourceStarts.start("filesystem", Map.of("path", "/data/in")));
  }
}
