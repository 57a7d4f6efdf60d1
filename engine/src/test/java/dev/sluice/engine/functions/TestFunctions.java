package dev.sluice.engine.functions;

/**
 * Function classes for {@code CREATE FUNCTION} tests, named by their binary names ({@code
 * TestFunctions$Describe}), as the JVM and Flink name nested classes. The first ones qualify; the
 * rest each break one rule and must be refused with a message that says which.
 */
public final class TestFunctions {
  private TestFunctions() {}

  /** Overloads by argument type and count, one of them static. */
  public static class Describe {
    public String eval() {
      return "nothing";
    }

    public String eval(Long number) {
      return number == null ? "no number" : "number " + number;
    }

    public String eval(String text) {
      return "text " + text;
    }

    public String eval(String text, int times) {
      return text == null ? null : text.repeat(times);
    }

    public static String eval(boolean flag) {
      return "flag " + flag;
    }
  }

  /** A primitive parameter: its argument must never be NULL. */
  public static class Doubler {
    public long eval(long value) {
      return 2 * value;
    }
  }

  /** Static eval only: no instance, so no constructor is needed. */
  public static final class Shout {
    private Shout() {}

    public static String eval(String text) {
      return text == null ? null : text.toUpperCase(java.util.Locale.ROOT) + "!";
    }
  }

  /** A method named apply, not eval. */
  public static class NoEval {
    public String apply(String text) {
      return text;
    }
  }

  /** An eval method that is not public. */
  public static class PrivateEval {
    String eval(String text) {
      return text;
    }
  }

  /** A non-static eval and only a constructor with an argument. */
  public static class NoDefaultConstructor {
    private final String prefix;

    public NoDefaultConstructor(String prefix) {
      this.prefix = prefix;
    }

    public String eval(String text) {
      return prefix + text;
    }
  }

  /** A class the compiled query could not name from its own package. */
  static class NotPublic {
    public String eval(String text) {
      return text;
    }
  }

  /** An eval without a value. */
  public static class VoidEval {
    public void eval(String text) {}
  }

  /** A constructor that fails. */
  public static class FailingConstructor {
    public FailingConstructor() {
      throw new IllegalStateException("no licence key configured");
    }

    public String eval(String text) {
      return text;
    }
  }

  /** An eval inherited, not declared: the instance made would be of the superclass. */
  public static class InheritedEval extends Doubler {}

  /** Abstract, with a non-static eval. */
  public abstract static class AbstractFunction {
    public String eval(String text) {
      return text;
    }
  }
}
