package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE JAVA]}, as
 * Flink declares a user-defined scalar function. Every function of an embedded engine lives as
 * long as the engine, so {@code TEMPORARY} and {@code TEMPORARY SYSTEM} are accepted and change
 * nothing; the language is a JVM one, checked by the parser.
 *
 * @param name the function name, unquoted
 * @param className the fully qualified name of the class implementing the function
 * @param ifNotExists whether {@code IF NOT EXISTS} was given
 * @param classNamePosition where the class name's string literal starts, for errors about the class
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record CreateFunction(
    String name,
    String className,
    boolean ifNotExists,
    SourcePosition classNamePosition,
    SourcePosition position,
    String text)
    implements Statement {

  public CreateFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(classNamePosition, "classNamePosition");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
