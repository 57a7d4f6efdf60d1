/**
 * How a running query's results reach the screen: the result table an update or complete mode
 * query keeps, redrawn in place on a terminal; rows streamed as they arrive in append and
 * changelog form; Spark console-style batches; and the status line under them.
 */
package dev.sluice.shell.render;
