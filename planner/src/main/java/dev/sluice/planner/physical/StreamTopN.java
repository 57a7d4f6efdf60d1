package dev.sluice.planner.physical;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Top-N per partition ({@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY o) <= N}): the input row
 * followed by its rank. Updating: a rank changes hands as better rows arrive, keyed by partition
 * and rank. State is at most N rows per partition.
 */
public final class StreamTopN extends PhysicalNode {
  private final int[] partitionKeys;
  private final List<RelFieldCollation> order;
  private final int limit;
  private final StateTtl ttl;

  /** @param ttl how long a partition stays past the event time of its newest kept row */
  public StreamTopN(RelDataType rowType, PhysicalNode input, int[] partitionKeys, List<RelFieldCollation> order, int limit, StateTtl ttl) {
    super(rowType, List.of(input));
    this.partitionKeys = partitionKeys;
    this.order = List.copyOf(order);
    this.limit = limit;
    this.ttl = ttl;
  }

  public StateTtl ttl() {
    return ttl;
  }

  public int[] partitionKeys() {
    return partitionKeys;
  }

  public List<RelFieldCollation> order() {
    return order;
  }

  public int limit() {
    return limit;
  }

  @Override
  public Changelog changelog() {
    return Changelog.UPDATING;
  }

  /** The partition keys and the rank identify a row. */
  @Override
  public List<int[]> uniqueKeys() {
    int[] key = new int[partitionKeys.length + 1];
    System.arraycopy(partitionKeys, 0, key, 0, partitionKeys.length);
    key[partitionKeys.length] = input().rowType().getFieldCount();
    return List.of(key);
  }

  @Override
  public long closingOffset(int column) {
    return column < input().rowType().getFieldCount() ? input().closingOffset(column) : NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    List<String> keys = new ArrayList<>();
    for (RelFieldCollation f : order) {
      keys.add(input().rowType().getFieldList().get(f.getFieldIndex()).getName() + (f.direction.isDescending() ? " DESC" : ""));
    }
    return "StreamTopN(partitionBy=" + names(input().rowType(), partitionKeys) + ", orderBy=" + keys + ", limit=" + limit + ttl.explain() + ")";
  }

  @Override
  public String state() {
    return "at most " + limit + " rows per partition " + names(input().rowType(), partitionKeys) + ", " + ttl.retention(input());
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
