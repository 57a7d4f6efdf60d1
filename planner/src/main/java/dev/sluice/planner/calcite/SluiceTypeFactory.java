package dev.sluice.planner.calcite;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

/** The one type factory of the planner, so types of tables, views and queries compare equal. */
public final class SluiceTypeFactory {
  public static final JavaTypeFactoryImpl INSTANCE = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

  private SluiceTypeFactory() {}
}
