package dev.sluice.planner;

import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamNotNullEnforcer;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.sql.ast.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Which query column types an {@code INSERT INTO} may write into which table column types, as
 * Flink's implicit casts allow: the same type, any string into a string, and a number into a
 * number that holds every value of it (INT into BIGINT or DOUBLE), and any exact number into a
 * DECIMAL (a SUM of a DECIMAL column into a column of the argument's type). One more than Flink: a
 * FLOAT or DOUBLE into an exact number, since Sluice's AVG of integers is a DOUBLE where Flink's
 * keeps the integer type. Anything else needs an explicit CAST: a sink would otherwise be handed
 * values its format cannot hold, and a CSV file read back a VARCHAR written into an INT column as
 * nothing.
 */
final class InsertColumns {
  /** Integer types, narrowest first. */
  private static final List<SqlTypeName> INTEGERS_BY_WIDTH =
      List.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);

  private InsertColumns() {}

  /**
   * Refuses {@code query}'s columns unless each may be written into the table's column at its
   * position; the message names the column, both types and the CAST to write.
   */
  static void check(TableDefinition table, List<String> queryNames, RelDataType query, SourcePosition position) {
    List<ColumnInfo> columns = table.storedColumns();
    List<RelDataTypeField> fields = query.getFieldList();
    if (fields.size() != columns.size()) {
      List<Field> stored = columns.stream().map(c -> new Field(c.name(), TypeMapping.toDataType(c.type()))).toList();
      throw new PlanningException("INSERT INTO '" + table.name() + "': the query returns " + fields.size() + " columns but the table has "
          + columns.size() + " " + new Schema(stored), position);
    }
    for (int i = 0; i < columns.size(); i++) {
      RelDataType to = columns.get(i).type();
      if (writes(fields.get(i).getType(), to)) continue;
      String from = sqlName(fields.get(i).getType());
      String target = sqlName(to);
      throw new PlanningException("INSERT INTO '" + table.name() + "': column " + (i + 1) + " of the query ('" + queryNames.get(i) + "', "
          + from + ") cannot be written into column '" + columns.get(i).name() + "' (" + target + "): " + from
          + " is not implicitly converted to " + target + ". Convert it in the query: CAST(... AS " + target + ").", position);
    }
  }

  /** The plan whose rows a sink receives, and their columns: the table's names and types. */
  record Written(PhysicalNode root, RelDataType rowType) {}

  /**
   * {@code root} with each number or NULL column whose type is not the table's cast to it, so the
   * sink receives values of its own types under its own names.
   */
  static Written castToTable(PhysicalNode root, TableDefinition table) {
    RexBuilder rexBuilder = new RexBuilder(SluiceTypeFactory.INSTANCE);
    RelDataType queryType = root.rowType();
    List<ColumnInfo> columns = table.storedColumns();
    RelDataTypeFactory.Builder written = SluiceTypeFactory.INSTANCE.builder();
    List<RexNode> projects = new ArrayList<>();
    boolean casts = false;
    for (int i = 0; i < columns.size(); i++) {
      RelDataType from = queryType.getFieldList().get(i).getType();
      RelDataType to = SluiceTypeFactory.INSTANCE.createTypeWithNullability(columns.get(i).type(), from.isNullable());
      RexNode column = rexBuilder.makeInputRef(queryType, i);
      // A string of another length is the same Java String: only numbers (a BIGINT column gets a Long) and NULLs need a cast.
      boolean cast = !sameType(from, to) && (SqlTypeUtil.isNumeric(to) || from.getSqlTypeName() == SqlTypeName.NULL);
      projects.add(cast ? rexBuilder.makeCast(to, column, true, false) : column);
      written.add(columns.get(i).name(), cast ? to : from);
      casts |= cast;
    }
    RelDataType rowType = written.build();
    if (!casts) return new Written(root, rowType);
    RexProgram program = RexProgram.create(queryType, projects, null, rowType, rexBuilder);
    // One compiled operator, not two, when the query ends with a projection.
    if (root instanceof StreamCalc calc) return new Written(new StreamCalc(calc.input(), RexProgramBuilder.mergePrograms(program, calc.program(), rexBuilder)), rowType);
    return new Written(new StreamCalc(root, program), rowType);
  }

  /**
   * {@code root} checked against the table's NOT NULL columns that the query can leave NULL, as
   * Flink's sink constraint enforcer; {@code root} itself when the query's types say none can be.
   *
   * @param drop whether a row with such a NULL is left out and counted, rather than failing the query
   */
  static PhysicalNode enforceNotNull(PhysicalNode root, TableDefinition table, boolean drop, SourcePosition position) {
    List<ColumnInfo> columns = table.storedColumns();
    List<RelDataTypeField> fields = root.rowType().getFieldList();
    int[] checked = java.util.stream.IntStream.range(0, columns.size())
        .filter(i -> !columns.get(i).type().isNullable() && fields.get(i).getType().isNullable()).toArray();
    // Only a column that is certainly NULL (the query projects a NULL literal into it) is refused outright.
    if (root instanceof StreamCalc calc) {
      for (int column : checked) {
        if (calc.program().expandLocalRef(calc.program().getProjectList().get(column)) instanceof RexLiteral literal && literal.isNull()) {
          throw new PlanningException("INSERT INTO '" + table.name() + "': column " + (column + 1) + " of the query is always NULL, "
              + "but column '" + columns.get(column).name() + "' is NOT NULL. Give it a value in the query.", position);
        }
      }
    }
    List<String> names = java.util.Arrays.stream(checked).mapToObj(i -> columns.get(i).name()).toList();
    return checked.length == 0 ? root : new StreamNotNullEnforcer(root, table.name(), checked, names, drop);
  }

  private static boolean sameType(RelDataType a, RelDataType b) {
    return a.getSqlTypeName() == b.getSqlTypeName() && a.getPrecision() == b.getPrecision() && a.getScale() == b.getScale();
  }

  /** Whether a value of type {@code from} is written into a column of type {@code to} unchanged or widened. */
  static boolean writes(RelDataType from, RelDataType to) {
    SqlTypeName fromName = from.getSqlTypeName();
    SqlTypeName toName = to.getSqlTypeName();
    if (fromName == SqlTypeName.NULL) return true;
    if (SqlTypeUtil.isCharacter(from) && SqlTypeUtil.isCharacter(to)) return true;
    if (SqlTypeUtil.isBinary(from) && SqlTypeUtil.isBinary(to)) return true;
    if (SqlTypeUtil.isNumeric(from) && SqlTypeUtil.isNumeric(to)) return widens(from, to);
    if (fromName != toName) return false;
    return switch (fromName) {
      case ARRAY, MULTISET -> writes(from.getComponentType(), to.getComponentType());
      case MAP -> writes(from.getKeyType(), to.getKeyType()) && writes(from.getValueType(), to.getValueType());
      case ROW -> from.getFieldCount() == to.getFieldCount() && rowFieldsWrite(from, to);
      default -> true;
    };
  }

  private static boolean rowFieldsWrite(RelDataType from, RelDataType to) {
    for (int i = 0; i < from.getFieldCount(); i++) {
      if (!writes(from.getFieldList().get(i).getType(), to.getFieldList().get(i).getType())) return false;
    }
    return true;
  }

  /** Whether a number of type {@code from} is written into a number column of type {@code to}, cast to it. */
  private static boolean widens(RelDataType from, RelDataType to) {
    SqlTypeName fromName = from.getSqlTypeName();
    SqlTypeName toName = to.getSqlTypeName();
    boolean fromApproximate = SqlTypeName.APPROX_TYPES.contains(fromName);
    if (toName == SqlTypeName.DOUBLE) return true;
    if (toName == SqlTypeName.REAL || toName == SqlTypeName.FLOAT) return fromName != SqlTypeName.DOUBLE;
    // Sluice's AVG of integers is a DOUBLE where Flink's is the argument's type, so Flink's queries (Nexmark q4 and
    // q17) write an AVG into a BIGINT column: the cast truncates it as Flink's integer AVG does.
    if (fromApproximate) return true;
    // As Flink, any exact number goes into any DECIMAL: a SUM widens its DECIMAL, and is written back into a column like its argument's.
    if (toName == SqlTypeName.DECIMAL) return true;
    return fromName != SqlTypeName.DECIMAL && INTEGERS_BY_WIDTH.indexOf(fromName) <= INTEGERS_BY_WIDTH.indexOf(toName);
  }

  /** A type as a user writes it in SQL (INT, VARCHAR, DECIMAL(12, 2)), without its nullability. */
  private static String sqlName(RelDataType type) {
    return TypeMapping.toDataType(type).withNullable(true).toString();
  }
}
