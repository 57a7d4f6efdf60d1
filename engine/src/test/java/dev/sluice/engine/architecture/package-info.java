/** The module layering of ARCHITECTURE.md, checked with ArchUnit over the production classes. */
package dev.sluice.engine.architecture;
