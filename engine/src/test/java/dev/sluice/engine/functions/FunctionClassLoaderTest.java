package dev.sluice.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function class that only an application's own class loader sees, such as a plugin's: CREATE
 * FUNCTION finds it through the thread's context class loader, and the query's compiled code calls
 * it although Sluice's class loader cannot see it.
 */
class FunctionClassLoaderTest {
  private static final String SOURCE = """
      package plugin;

      public class Reverse {
        public String eval(String text) {
          return text == null ? null : new StringBuilder(text).reverse().toString();
        }
      }
      """;

  @TempDir Path directory;

  /** A loader over a directory with plugin.Reverse compiled into it, whose parent is this test's loader. */
  private URLClassLoader pluginLoader() throws Exception {
    Path source = directory.resolve("src/plugin/Reverse.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE);
    Path classes = Files.createDirectories(directory.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests run on a JDK");
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), source.toString()));
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
  }

  /** A class compiled against Flink's ScalarFunction, on a class path without Flink, as a Flink user's jar would be. */
  @Test
  void aClassThatExtendsFlinksScalarFunctionIsRefusedWithWhatToChange() throws Exception {
    Path flink = directory.resolve("src/org/apache/flink/table/functions/ScalarFunction.java");
    Files.createDirectories(flink.getParent());
    Files.writeString(flink, "package org.apache.flink.table.functions; public abstract class ScalarFunction {}");
    Path function = directory.resolve("src/flinkudf/Upper.java");
    Files.createDirectories(function.getParent());
    Files.writeString(function, "package flinkudf; public class Upper extends org.apache.flink.table.functions.ScalarFunction {"
        + " public String eval(String s) { return s.toUpperCase(); } }");
    Path classes = Files.createDirectories(directory.resolve("flink-classes"));
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), flink.toString(), function.toString()));
    Files.delete(classes.resolve("org/apache/flink/table/functions/ScalarFunction.class"));

    try (SluiceEngine engine = SluiceEngine.open();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        SluiceException error = assertThrows(SluiceException.class, () -> engine.execute("CREATE FUNCTION upper2 AS 'flinkudf.Upper'"));
        assertEquals("Cannot create function 'upper2': class 'flinkudf.Upper' was found but could not be loaded: "
            + "java.lang.NoClassDefFoundError: org/apache/flink/table/functions/ScalarFunction. Sluice does not have Flink's classes: a "
            + "function class needs no base class, only public eval methods", error.getMessage());
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }

  @Test
  void aClassOnlyTheContextClassLoaderSeesIsFoundAndCalledByTheCompiledQuery() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open(); URLClassLoader plugin = pluginLoader()) {
      engine.execute("CREATE TABLE words (word VARCHAR, n BIGINT, m BIGINT NOT NULL) WITH ('connector' = 'memory')");
      assertThrows(ClassNotFoundException.class, () -> Class.forName("plugin.Reverse", false, SluiceEngine.class.getClassLoader()));

      SluiceException notSeen = assertThrows(SluiceException.class, () -> engine.execute("CREATE FUNCTION reverse_it AS 'plugin.Reverse'"));
      assertTrue(notSeen.getMessage().contains("class 'plugin.Reverse' was not found"), notSeen.getMessage());

      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(plugin);
      try {
        engine.execute("CREATE FUNCTION reverse_it AS 'plugin.Reverse'");
      } finally {
        thread.setContextClassLoader(previous);
      }

      // Started with Sluice's own loader as the context loader: the compiled class still sees the plugin's.
      UserDefinedFunctionTest.Rows rows = new UserDefinedFunctionTest.Rows(engine, "SELECT reverse_it(word) AS r FROM words");
      assertEquals(List.of(List.of("olleh")), rows.after(engine, new Object[] {"hello", 1L, 1L}));
    }
  }
}
