/**
 * The micro-batch executor: triggers, the batch loop with its write-ahead offsets and commits,
 * and the result writers that turn the final changelog into what each output mode delivers.
 */
package dev.sluice.runtime.exec;
