/**
 * The JDBC driver tested as an application uses it: through {@code java.sql} only, from {@code
 * DriverManager.getConnection("jdbc:sluice:...")}, with Sluice classes reached at most by {@code
 * unwrap}.
 */
package dev.sluice.engine.jdbc;
