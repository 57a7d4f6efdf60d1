/**
 * The embedded API: {@link dev.sluice.engine.SluiceEngine} runs statements and starts {@link
 * dev.sluice.engine.StreamingQuery continuous queries}; settings, results and errors are the
 * handful of other types a user touches.
 */
package dev.sluice.engine;
