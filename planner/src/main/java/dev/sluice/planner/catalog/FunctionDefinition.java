package dev.sluice.planner.catalog;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * A user-defined scalar function declared with {@code CREATE FUNCTION}: the name queries call it
 * by, the class implementing it, and one Calcite function per public {@code eval} method of that
 * class. All of them are registered under the one name, so Calcite's validator chooses among the
 * overloads by the types of a call's arguments, as it does for any schema function.
 *
 * @param name the function name, as declared; calls match it case-insensitively
 * @param implementation the function's class, loaded and checked
 * @param overloads one function per public {@code eval} method, in a stable order
 * @param ddl the {@code CREATE FUNCTION} statement's text
 */
public record FunctionDefinition(String name, Class<?> implementation, List<ScalarFunctionImpl> overloads, String ddl) {

  public FunctionDefinition {
    overloads = List.copyOf(overloads);
  }

  public String className() {
    return implementation.getName();
  }

  /** The {@code eval} methods' parameter lists as Java declares them, e.g. {@code (String, String)}. */
  public List<String> signatures() {
    return overloads.stream().map(f -> signature(f.method)).toList();
  }

  public static String signature(Method method) {
    return Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }
}
