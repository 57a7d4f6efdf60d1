/**
 * The {@code datagen} connector: an unbounded (or {@code number-of-rows} long) table of generated
 * rows at a set rate, for demos and benchmarks. Every value is a pure function of the seed, the
 * row's index and the column, and the offsets carry the wall-clock base of the event times, so any
 * batch can be read again with identical rows; see {@link
 * dev.sluice.connectors.datagen.DatagenSourceFactory} for the options.
 */
package dev.sluice.connectors.datagen;
