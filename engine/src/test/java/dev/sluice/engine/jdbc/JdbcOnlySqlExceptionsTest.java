package dev.sluice.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every public method of every object the driver hands out, called with nulls, zeros and negative
 * numbers, throws nothing but SQLException, as JDBC promises a tool.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JdbcOnlySqlExceptionsTest {
  /** Methods that close or wait for rows, called apart, after the others. */
  private static final Set<String> LAST = Set.of("close", "abort", "closeOnCompletion", "cancel", "next", "absolute", "relative",
      "last", "afterLast");

  @Test
  void everyMethodGivenBadArgumentsThrowsOnlySqlException() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection connection = JdbcTables.connect(JdbcTables.FIVE_NUMBERS)) {
      Statement statement = connection.createStatement();
      PreparedStatement prepared = connection.prepareStatement("SELECT id FROM numbers WHERE id > ?");
      ResultSet metadataRows = connection.getMetaData().getTables(null, null, "%", null);
      Statement streaming = connection.createStatement();
      streaming.setQueryTimeout(1);
      ResultSet streamingRows = streaming.executeQuery("SELECT id, word FROM numbers");
      List<Object> objects = List.of(connection, connection.getMetaData(), statement, prepared, prepared.getParameterMetaData(),
          metadataRows, metadataRows.getMetaData(), streamingRows, streamingRows.getMetaData(), streaming);
      for (boolean closing : new boolean[] {false, true}) {
        for (Object object : objects) {
          for (Method method : publicMethods(object)) {
            if (LAST.contains(method.getName()) != closing) continue;
            for (Object[] arguments : argumentSets(method)) callOnlyThrowingSqlException(object, method, arguments, failures);
          }
        }
      }
    }
    assertEquals(List.of(), failures, "methods that threw what was not an SQLException");
  }

  @Test
  void aGuardedObjectReturnsTheSameGuardedObjectsEachTime() throws Exception {
    try (Connection connection = JdbcTables.connect(); Statement statement = connection.createStatement()) {
      assertSame(connection, statement.getConnection());
      try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
        assertSame(statement, rows.getStatement());
      }
      assertSame(connection, connection.getMetaData().getConnection());
    }
  }

  private static List<Method> publicMethods(Object object) {
    List<Method> methods = new ArrayList<>();
    for (Method method : object.getClass().getMethods()) {
      if (!Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class) methods.add(method);
    }
    methods.sort(Comparator.comparing(Method::toString));
    return methods;
  }

  /** Nulls, zeros and negative numbers for each parameter, in a few combinations. */
  private static List<Object[]> argumentSets(Method method) {
    List<Object[]> sets = new ArrayList<>();
    for (int variant = 0; variant < 3; variant++) {
      Class<?>[] types = method.getParameterTypes();
      Object[] arguments = new Object[types.length];
      for (int i = 0; i < types.length; i++) arguments[i] = value(types[i], variant);
      sets.add(arguments);
    }
    return sets;
  }

  private static Object value(Class<?> type, int variant) {
    if (type == int.class) return new int[] {0, -1, 1}[variant];
    if (type == long.class) return new long[] {0, -1, Long.MAX_VALUE}[variant];
    if (type == short.class) return (short) -variant;
    if (type == byte.class) return (byte) -variant;
    if (type == double.class) return variant == 2 ? Double.NaN : (double) -variant;
    if (type == float.class) return variant == 2 ? Float.NaN : (float) -variant;
    if (type == boolean.class) return variant == 1;
    if (type == char.class) return 'x';
    if (type == String.class) return new String[] {null, "", "not sql ("}[variant];
    if (type == Class.class) return new Class<?>[] {null, Object.class, Integer.class}[variant];
    if (type == int[].class) return variant == 0 ? null : new int[] {-1};
    if (type == String[].class) return variant == 0 ? null : new String[] {null};
    if (type == Object.class) return new Object[] {null, new Object(), "x"}[variant];
    if (type == Object[].class) return variant == 0 ? null : new Object[] {null};
    return null;
  }

  private static void callOnlyThrowingSqlException(Object object, Method method, Object[] arguments, List<String> failures) {
    try {
      method.invoke(object, arguments);
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      boolean mayThrowSql = List.of(method.getExceptionTypes()).contains(SQLException.class);
      if (mayThrowSql && !(thrown instanceof SQLException)) {
        failures.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + List.of(method.getParameterTypes()).stream()
            .map(Class::getSimpleName).toList() + ": " + thrown);
      }
      if (thrown instanceof SQLException sql) {
        assertTrue(sql.getMessage() != null && !sql.getMessage().isBlank(), method + " threw an SQLException without a message");
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
