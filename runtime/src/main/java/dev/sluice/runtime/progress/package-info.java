/** Progress reports: what each micro-batch read, did, kept and delivered. */
package dev.sluice.runtime.progress;
