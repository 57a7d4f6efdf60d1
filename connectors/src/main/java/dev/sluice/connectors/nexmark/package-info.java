/**
 * The {@code nexmark} connector: the Nexmark benchmark's stream of people, auctions and bids
 * (github.com/nexmark/nexmark), in the single-table shape of the suite's {@code ddl_gen.sql}, so
 * the suite's views and queries read it as written. The generator follows the reference's
 * proportions, hot items, id spaces and distributions, but makes every event as a pure function
 * of the seed and its number, and the offsets carry the event count and the query's first start,
 * so any batch can be read again with identical rows; see {@link
 * dev.sluice.connectors.nexmark.NexmarkSourceFactory} for the options.
 */
package dev.sluice.connectors.nexmark;
