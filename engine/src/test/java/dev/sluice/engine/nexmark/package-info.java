/**
 * The Nexmark suite's own SQL files run through the engine on the {@code nexmark} connector, with
 * results checked against the events the generator makes.
 */
package dev.sluice.engine.nexmark;
