package dev.sluice.planner.catalog;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.calcite.SluiceOperatorTable;
import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.SourcePosition;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Checks a {@code CREATE FUNCTION} and turns it into a {@link FunctionDefinition}: loads the class,
 * and makes sure the code compiled for a query can call it. Flink's convention, without Flink's
 * base class: a public class with public {@code eval} methods, static or not, overloaded as the
 * function's argument types require; when one is not static, a public constructor without
 * arguments, by which each compiled expression makes its own instance.
 *
 * <p>The class is loaded, initialized and, for non-static {@code eval} methods, instantiated once
 * here, so that a class that cannot run is refused at {@code CREATE FUNCTION} rather than when a
 * query starts.
 */
public final class FunctionDefinitions {
  /** The method name Flink's scalar functions implement. */
  public static final String EVAL = "eval";

  private FunctionDefinitions() {}

  /**
   * The function {@code ddl} declares, its class looked up in {@code loaders} in order.
   *
   * @throws PlanningException when the name is a built-in function's or the class does not qualify
   */
  public static FunctionDefinition of(CreateFunction ddl, List<ClassLoader> loaders) {
    if (SluiceOperatorTable.functionNames().contains(ddl.name().toUpperCase(Locale.ROOT))) {
      throw new PlanningException("Cannot create function '" + ddl.name() + "': a built-in function has that name. Give the function "
          + "another name; SHOW FUNCTIONS lists the names taken.", ddl.position());
    }
    Class<?> implementation = load(ddl, loaders);
    checkAccessible(ddl, implementation);
    List<Method> evals = evalMethods(ddl, implementation);
    if (evals.stream().anyMatch(m -> !Modifier.isStatic(m.getModifiers()))) checkInstantiable(ddl, implementation);
    List<ScalarFunctionImpl> overloads = new ArrayList<>();
    for (Method eval : evals) {
      try {
        overloads.add((ScalarFunctionImpl) ScalarFunctionImpl.create(eval));
      } catch (RuntimeException e) {
        throw refused(ddl, "its method " + describe(eval) + " cannot be called from SQL: " + e.getMessage(), e);
      }
    }
    return new FunctionDefinition(ddl.name(), implementation, overloads, ddl.text());
  }

  private static Class<?> load(CreateFunction ddl, List<ClassLoader> loaders) {
    String className = ddl.className().strip();
    if (className.isEmpty()) {
      throw refused(ddl, "the class name is empty. Name the function's class in full, e.g. 'com.example.MyFunction'.", null);
    }
    for (ClassLoader loader : loaders) {
      try {
        return Class.forName(className, true, loader);
      } catch (ClassNotFoundException e) {
        // not in this loader; try the next
      } catch (LinkageError e) {
        // A class that is there but does not link or initialize: a missing dependency, a newer
        // class file version, a static initializer that threw.
        Throwable cause = e instanceof ExceptionInInitializerError init && init.getCause() != null ? init.getCause() : e;
        String flink = String.valueOf(cause.getMessage()).contains("org/apache/flink/")
            ? ". Sluice does not have Flink's classes: a function class needs no base class, only public eval methods" : "";
        throw refused(ddl, "class '" + className + "' was found but could not be loaded: " + cause + flink, e);
      }
    }
    throw refused(ddl, "class '" + className + "' was not found. Put the jar or directory that holds it on the class path of the "
        + "application running Sluice, and name the class in full, with its package.", null);
  }

  private static void checkAccessible(CreateFunction ddl, Class<?> type) {
    String name = "class '" + type.getName() + "'";
    if (type.isInterface() || type.isAnnotation() || type.isEnum() || type.isArray() || type.isPrimitive()) {
      throw refused(ddl, name + " is not a class; name a public class with public eval methods.", null);
    }
    // The compiled query calls the class from a package of its own, so it and every class around it must be public.
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        throw refused(ddl, name + " is not public" + (c == type ? "" : " (it is nested in '" + c.getName() + "', which is not public)")
            + "; the query's compiled code calls it from another package, so make it public.", null);
      }
    }
  }

  /** The public methods named {@code eval}, in a stable order (Java returns methods in none). */
  private static List<Method> evalMethods(CreateFunction ddl, Class<?> type) {
    List<Method> evals = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.getName().equals(EVAL) && method.getDeclaringClass() != Object.class) evals.add(method);
    }
    if (evals.isEmpty()) {
      boolean hidden = false;
      for (Class<?> c = type; c != null && !hidden; c = c.getSuperclass()) {
        for (Method method : c.getDeclaredMethods()) hidden |= method.getName().equals(EVAL);
      }
      String why = hidden ? " (its eval methods are not public)" : "";
      throw refused(ddl, "class '" + type.getName() + "' has no public method named 'eval'" + why
          + ". A function class declares one or more, such as: public long eval(String text).", null);
    }
    evals.sort(Comparator.comparing(FunctionDefinition::signature));
    for (Method eval : evals) {
      if (eval.getReturnType() == void.class) {
        throw refused(ddl, "its method " + describe(eval) + " returns void; an eval method returns the function's value.", null);
      }
      if (eval.getDeclaringClass() != type && !Modifier.isStatic(eval.getModifiers())) {
        // Calcite instantiates the class that declares eval, which here is not the named one.
        throw refused(ddl, "its method " + describe(eval) + " is inherited from '" + eval.getDeclaringClass().getName() + "'; declare "
            + "the eval methods in '" + type.getName() + "' itself (an override may call super.eval).", null);
      }
      if (eval.isVarArgs()) {
        throw refused(ddl, "its method " + describe(eval) + " takes a variable number of arguments, which Sluice cannot call; "
            + "declare an eval method for each number of arguments instead.", null);
      }
    }
    return evals;
  }

  /** A class with non-static eval methods is instantiated by the compiled code: check it can be, once. */
  private static void checkInstantiable(CreateFunction ddl, Class<?> type) {
    String name = "class '" + type.getName() + "'";
    if (Modifier.isAbstract(type.getModifiers())) {
      throw refused(ddl, name + " is abstract; name a concrete class, or make its eval methods static.", null);
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw refused(ddl, name + " is an inner class, which needs an instance of '" + type.getEnclosingClass().getName()
          + "' to be created; make it a static nested class or a top-level class.", null);
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw refused(ddl, name + " has no public constructor without arguments. Its eval methods are not static, so Sluice creates "
          + "an instance of the class with that constructor: add one, or make the eval methods static.", null);
    }
    try {
      constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw refused(ddl, "creating an instance of " + name + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw refused(ddl, "creating an instance of " + name + " failed: " + e, e);
    }
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName() + FunctionDefinition.signature(method);
  }

  private static PlanningException refused(CreateFunction ddl, String reason, Throwable cause) {
    SourcePosition at = ddl.classNamePosition();
    return new PlanningException("Cannot create function '" + ddl.name() + "': " + reason, at, cause);
  }
}
