package dev.sluice.planner.codegen;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;

/**
 * A rewrite of a program's expressions before code generation, for calls Calcite's generator
 * would compile slowly. A subclass rewrites calls in {@code visitCall} and says it {@link #changed}
 * something; a program with nothing to rewrite is returned as it is.
 */
abstract class ProgramRewrite extends RexShuttle {
  protected final RexBuilder rexBuilder;
  private boolean changed;

  ProgramRewrite(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  /** Records that a call was rewritten. */
  protected final void changed() {
    changed = true;
  }

  /** {@code program} with its projections and condition rewritten. */
  final RexProgram applyTo(RexProgram program) {
    List<RexNode> projects = new ArrayList<>();
    for (var project : program.getProjectList()) projects.add(program.expandLocalRef(project).accept(this));
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition()).accept(this);
    if (!changed) return program;
    return RexProgram.create(program.getInputRowType(), projects, condition, program.getOutputRowType(), rexBuilder);
  }
}
