package dev.sluice.planner.codegen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The classes of the user-defined functions an expression program calls, and the class loader its
 * compiled code is defined in. A function's class may come from a class loader Sluice's own does
 * not see (an application's plugin loader, say), so the compiled class is defined in a loader that
 * asks Sluice's first and then each function class's own.
 */
final class UserFunctionClasses {
  private final Set<Class<?>> classes;

  private UserFunctionClasses(Set<Class<?>> classes) {
    this.classes = classes;
  }

  /** The classes of the schema functions {@code program} calls, Flink's built-in ones among them. */
  static UserFunctionClasses calledBy(RexProgram program) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (call.getOperator() instanceof SqlUserDefinedFunction function && function.getFunction() instanceof ScalarFunctionImpl impl) {
          classes.add(impl.method.getDeclaringClass());
        }
        return super.visitCall(call);
      }
    };
    for (RexNode expression : program.getExprList()) expression.accept(finder);
    return new UserFunctionClasses(classes);
  }

  /** Whether the program calls no schema function at all. */
  boolean isEmpty() {
    return classes.isEmpty();
  }

  /** Whether {@code type} is the class of a function the program calls. */
  boolean contains(Class<?> type) {
    return classes.contains(type);
  }

  /** {@code sluice} when it sees every function class, else a loader that also asks the classes' own loaders. */
  ClassLoader loader(ClassLoader sluice) {
    List<ClassLoader> others = new ArrayList<>();
    for (Class<?> type : classes) {
      ClassLoader own = type.getClassLoader();
      if (own != null && !others.contains(own) && !visible(type, sluice)) others.add(own);
    }
    return others.isEmpty() ? sluice : new FunctionClassLoader(sluice, others);
  }

  private static boolean visible(Class<?> type, ClassLoader loader) {
    try {
      return Class.forName(type.getName(), false, loader) == type;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Sluice's class loader, then the function classes' loaders, in order, for what it lacks. */
  private static final class FunctionClassLoader extends ClassLoader {
    private final List<ClassLoader> functionLoaders;

    FunctionClassLoader(ClassLoader sluice, List<ClassLoader> functionLoaders) {
      super(sluice);
      this.functionLoaders = List.copyOf(functionLoaders);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      for (ClassLoader loader : functionLoaders) {
        try {
          return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
          // not there; try the next
        }
      }
      throw new ClassNotFoundException(name);
    }
  }
}
