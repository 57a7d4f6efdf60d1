package dev.sluice.connectors.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A password in the sink's 'url' never reaches a message, a cause's message or a stack trace. */
class JdbcSinkSecretsTest {
  private static final Schema SCHEMA = new Schema(List.of(new Field("n", DataType.of(TypeKind.BIGINT))));

  private static JdbcSink sink(String url) {
    ConnectorOptions options = new ConnectorOptions("out", Map.of("connector", "jdbc", "url", url, "table-name", "t"));
    return new JdbcSink(new TableContext("out", SCHEMA, options, new ConnectorServices(), Map.of(), List.of()));
  }

  private static String everything(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  @Test
  void aPasswordInTheUrlIsMaskedWhenTheSinkCannotConnect() {
    JdbcSink sink = sink("jdbc:nosuchdatabase://h/db?user=ann&password=hunter2");
    RuntimeException e = assertThrows(RuntimeException.class, () -> sink.open(new SinkContext(SCHEMA, OutputMode.APPEND, new int[0], "q1")));
    String shown = everything(e);
    assertFalse(shown.contains("hunter2"), shown);
    assertTrue(e.getMessage().contains("jdbc:nosuchdatabase://h/db?user=ann&password=******"), e.getMessage());
  }

  @Test
  void aPasswordInTheUrlIsMaskedWhenUpdateModeRefusesTheDatabase() {
    JdbcSink sink = sink("jdbc:nosuchdatabase://ann:hunter2@h/db");
    RuntimeException e = assertThrows(RuntimeException.class, () -> sink.open(new SinkContext(SCHEMA, OutputMode.UPDATE, new int[0], "q1")));
    assertFalse(everything(e).contains("hunter2"), everything(e));
  }
}
