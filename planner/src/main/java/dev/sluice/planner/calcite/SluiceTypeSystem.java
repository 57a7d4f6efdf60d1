package dev.sluice.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules with the changes SEMANTICS.md asks for: {@code AVG} over an integer column
 * returns {@code DOUBLE} (Calcite would keep the integer type and truncate), timestamps carry
 * millisecond precision, and string literals of different lengths meet as VARCHAR.
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
  public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

  private SluiceTypeSystem() {}

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  /** CASE 'yes' ELSE 'no' is a VARCHAR, not a blank-padded CHAR(3), as in Spark and Flink. */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.TIMESTAMP || typeName == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) return 3;
    return super.getDefaultPrecision(typeName);
  }
}
