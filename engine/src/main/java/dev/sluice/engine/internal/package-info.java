/** Engine internals users never touch: the connector registry and the sinks behind the API's callbacks. */
package dev.sluice.engine.internal;
