package dev.sluice.runtime.progress;

/** Told about each batch a query completes, on the query's thread: keep it quick. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(QueryProgress progress);
}
