package dev.sluice.planner.physical;

import java.util.BitSet;
import java.util.List;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/** Filter and projection in one compiled step; stateless, passes change kinds through. */
public final class StreamCalc extends PhysicalNode {
  private final RexProgram program;

  public StreamCalc(PhysicalNode input, RexProgram program) {
    super(program.getOutputRowType(), List.of(input));
    this.program = program;
  }

  public RexProgram program() {
    return program;
  }

  @Override
  public Changelog changelog() {
    return input().changelog();
  }

  /** The input's key, when every key column is projected unchanged. */
  @Override
  public int[] uniqueKey() {
    int[] inputKey = input().uniqueKey();
    if (inputKey == null) return null;
    int[] key = new int[inputKey.length];
    List<RexLocalRef> projects = program.getProjectList();
    outer:
    for (int k = 0; k < inputKey.length; k++) {
      for (int i = 0; i < projects.size(); i++) {
        if (program.expandLocalRef(projects.get(i)) instanceof RexInputRef ref && ref.getIndex() == inputKey[k]) {
          key[k] = i;
          continue outer;
        }
      }
      return null;
    }
    return key;
  }

  /** A projected column keeps event time when it is an input event-time column passed through. */
  @Override
  public BitSet eventTimeColumns() {
    BitSet inputTime = input().eventTimeColumns();
    BitSet bits = new BitSet();
    List<RexLocalRef> projects = program.getProjectList();
    for (int i = 0; i < projects.size(); i++) {
      RexNode expanded = program.expandLocalRef(projects.get(i));
      if (expanded instanceof RexInputRef ref && inputTime.get(ref.getIndex())) bits.set(i);
    }
    return bits;
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("StreamCalc(select=[");
    List<RexLocalRef> projects = program.getProjectList();
    for (int i = 0; i < projects.size(); i++) {
      if (i > 0) sb.append(", ");
      RexNode e = program.expandLocalRef(projects.get(i));
      String name = fieldName(i);
      sb.append(e instanceof RexInputRef ref && input().rowType().getFieldList().get(ref.getIndex()).getName().equals(name)
          ? name : e + " AS " + name);
    }
    sb.append(']');
    if (program.getCondition() != null) sb.append(", where=").append(program.expandLocalRef(program.getCondition()));
    return sb.append(')').toString();
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
