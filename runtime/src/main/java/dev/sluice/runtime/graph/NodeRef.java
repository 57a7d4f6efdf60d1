package dev.sluice.runtime.graph;

/** Where a node's input comes from: a source of the graph or an earlier operator. */
public record NodeRef(boolean isSource, int index) {
  public static NodeRef source(int index) {
    return new NodeRef(true, index);
  }

  public static NodeRef operator(int index) {
    return new NodeRef(false, index);
  }

  @Override
  public String toString() {
    return (isSource ? "source#" : "op#") + index;
  }
}
