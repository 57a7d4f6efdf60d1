package dev.sluice.engine.jdbc;

import dev.sluice.engine.SluiceException;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the driver hands out instead of its own objects: a proxy that forwards every call and
 * turns whatever a method that may throw {@link SQLException} throws instead (a bug's
 * NullPointerException, a StackOverflowError, an engine error that escaped translation) into an
 * SQLException, so that a JDBC tool only ever has to catch what JDBC promises. The JDBC objects a
 * method returns (a statement's connection, a result set's metadata) are handed out guarded too,
 * each object always through the same proxy, so {@code rows.getStatement() == statement} holds.
 */
final class GuardedJdbc implements InvocationHandler {
  /** Each object's proxy, held weakly both ways so that neither keeps the other alive. */
  private static final Map<Object, WeakReference<Object>> PROXIES = new WeakHashMap<>();

  private final Object target;

  private GuardedJdbc(Object target) {
    this.target = target;
  }

  /** {@code target} behind its proxy, made on first use. */
  @SuppressWarnings("unchecked")
  static <T> T guard(T target) {
    if (target == null || Proxy.isProxyClass(target.getClass())) return target;
    synchronized (PROXIES) {
      WeakReference<Object> known = PROXIES.get(target);
      Object proxy = known == null ? null : known.get();
      if (proxy == null) {
        proxy = Proxy.newProxyInstance(GuardedJdbc.class.getClassLoader(), interfacesOf(target.getClass()), new GuardedJdbc(target));
        PROXIES.put(target, new WeakReference<>(proxy));
      }
      return (T) proxy;
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> method.invoke(target, args);
      };
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(method, e.getCause());
    }
    return result != null && isJdbcInterface(method.getReturnType()) ? guard(result) : result;
  }

  private static Throwable translate(Method method, Throwable thrown) {
    if (thrown instanceof SQLException || !Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
      return thrown;
    }
    if (thrown instanceof SluiceException refusal) return JdbcErrors.fromEngine(refusal);
    String what = thrown instanceof StackOverflowError
        ? "it ran out of stack; if the statement is deeply nested, split it into views"
        : thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
    return new SQLException("Sluice failed in " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": " + what
        + ". This is a bug in Sluice: please report it with the statement that caused it", JdbcErrors.GENERAL, thrown);
  }

  private static boolean isJdbcInterface(Class<?> type) {
    return type.isInterface() && type.getPackageName().equals("java.sql");
  }

  /** Every interface {@code type} and its superclasses implement. */
  private static Class<?>[] interfacesOf(Class<?> type) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) interfaces.addAll(Arrays.asList(c.getInterfaces()));
    return interfaces.toArray(new Class<?>[0]);
  }
}
