/**
 * The JDBC driver: {@code jdbc:sluice:} runs an embedded engine in the caller's JVM, {@code
 * jdbc:sluice:mem:<name>} shares one per name; {@link dev.sluice.engine.jdbc.SluiceDriver} is
 * registered through {@code META-INF/services/java.sql.Driver}. {@code Statement.execute} runs any
 * statement; {@code executeQuery} of a {@code SELECT} starts a continuous query whose result set's
 * {@code next()} waits for the next committed row, bounded by the query timeout, with the fetch
 * size as the rows the query may buffer before it pauses for the reader; update mode adds an
 * {@code op} column, complete mode a {@code batch_id} column. {@code cancel()} or {@code close()}
 * from another thread stops the query and wakes {@code next()} with SQLState {@code 57014}.
 *
 * <p>The {@code java.sql} interfaces are implemented here directly rather than on Calcite's
 * Avatica, although Avatica is on the class path: Avatica's result set pulls fixed frames through
 * its {@code Meta} and {@code Cursor} layers and turns what fails inside them into its own
 * exceptions, so a {@code next()} that blocks on a live buffer, gives up after the query timeout
 * with {@code SQLTimeoutException}, and throws SQLState 57014 when another thread cancels would
 * mean a {@code Meta}, a cursor and a statement subclass working against that design, plus
 * Avatica's own time-zone shifting of timestamps to undo. Written directly, that behaviour is one
 * class ({@link dev.sluice.engine.jdbc.StreamingResultSet}); the rest is the interfaces' width,
 * mostly getters and honest refusals ({@code SQLFeatureNotSupportedException}, never a silent
 * no-op), which Avatica would not have saved. Parameters of a {@code PreparedStatement} are
 * substituted as SQL literals in the driver ({@link dev.sluice.engine.jdbc.ParameterizedSql}).
 */
package dev.sluice.engine.jdbc;
