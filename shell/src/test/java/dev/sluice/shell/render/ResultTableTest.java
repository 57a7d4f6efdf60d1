package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final int[] FIRST_COLUMN = {0};

  @Test
  void upsertReplacesTheRowWithItsKeyInPlace() {
    ResultTable table = new ResultTable(FIRST_COLUMN);
    table.apply(List.of(insert("cat", 1), insert("dog", 1)));
    table.apply(List.of(update("cat", 2)));
    assertEquals(List.of("cat=2", "dog=1"), shown(table));
  }

  @Test
  void deleteRemovesTheRowWithItsKey() {
    ResultTable table = new ResultTable(FIRST_COLUMN);
    table.apply(List.of(insert("cat", 1), insert("dog", 1)));
    table.apply(List.of(delete("cat", 1), insert("owl", 1)));
    assertEquals(List.of("dog=1", "owl=1"), shown(table));
    assertEquals(1, table.removedSinceSeen());
  }

  @Test
  void updateBeforeIsLeftToTheUpdateAfterThatFollowsIt() {
    ResultTable table = new ResultTable(FIRST_COLUMN);
    table.apply(List.of(insert("cat", 1)));
    table.apply(List.of(new ResultRow(RowKind.UPDATE_BEFORE, new Object[] {"cat", 1}), update("cat", 2)));
    assertEquals(List.of("cat=2"), shown(table));
  }

  @Test
  void withTheWholeRowAsKeyTheTableIsAMultiset() {
    ResultTable table = new ResultTable(null);
    table.apply(List.of(insert("cat", 1), insert("cat", 1), insert("dog", 1)));
    assertEquals(List.of("cat=1", "cat=1", "dog=1"), shown(table));
    table.apply(List.of(delete("cat", 1)));
    assertEquals(List.of("cat=1", "dog=1"), shown(table));
  }

  @Test
  void anEmptyKeyHoldsASingleRow() {
    ResultTable table = new ResultTable(new int[0]);
    table.apply(List.of(insert("total", 1)));
    table.apply(List.of(update("total", 2)));
    table.apply(List.of(update("total", 3)));
    assertEquals(List.of("total=3"), shown(table));
  }

  @Test
  void rowsChangedSinceTheTableWasSeenAreMarked() {
    ResultTable table = new ResultTable(FIRST_COLUMN);
    table.apply(List.of(insert("cat", 1), insert("dog", 1)));
    assertEquals(List.of(true, true), changed(table));
    table.markSeen();
    table.apply(List.of(update("dog", 2)));
    assertEquals(List.of(false, true), changed(table));
    table.markSeen();
    // An update to the value a row already has is no change.
    table.apply(List.of(update("dog", 2)));
    assertEquals(List.of(false, false), changed(table));
  }

  @Test
  void completeBatchesReplaceTheTableAndTellWhatChanged() {
    ResultTable table = new ResultTable(FIRST_COLUMN);
    table.replace(List.of(insert("cat", 1), insert("dog", 1)));
    table.markSeen();
    List<ResultRow> changes = table.replace(List.of(insert("dog", 2), insert("owl", 1)));
    assertEquals(List.of(update("dog", 2), insert("owl", 1), delete("cat", 1)), changes);
    assertEquals(List.of("dog=2", "owl=1"), shown(table));
    assertEquals(List.of(true, true), changed(table));
  }

  @Test
  void completeBatchesKeepRowPlacesUnlessTheQueryOrdersThem() {
    ResultTable unordered = new ResultTable(FIRST_COLUMN, false);
    unordered.replace(List.of(insert("cat", 1), insert("dog", 1)));
    unordered.replace(List.of(insert("owl", 1), insert("dog", 1), insert("cat", 2)));
    assertEquals(List.of("cat=2", "dog=1", "owl=1"), shown(unordered));

    ResultTable ordered = new ResultTable(FIRST_COLUMN, true);
    ordered.replace(List.of(insert("cat", 1), insert("dog", 1)));
    ordered.replace(List.of(insert("owl", 1), insert("dog", 1), insert("cat", 2)));
    assertEquals(List.of("owl=1", "dog=1", "cat=2"), shown(ordered));
  }

  @Test
  void completeBatchesWithoutAKeyAreComparedWholeRowByWholeRow() {
    ResultTable table = new ResultTable(null);
    table.replace(List.of(insert("cat", 1), insert("cat", 1)));
    table.markSeen();
    List<ResultRow> changes = table.replace(List.of(insert("cat", 1), insert("cat", 2)));
    assertEquals(List.of(insert("cat", 2), delete("cat", 1)), changes);
    assertEquals(List.of(false, true), changed(table));
  }

  private static ResultRow insert(Object... values) {
    return new ResultRow(RowKind.INSERT, values);
  }

  private static ResultRow update(Object... values) {
    return new ResultRow(RowKind.UPDATE_AFTER, values);
  }

  private static ResultRow delete(Object... values) {
    return new ResultRow(RowKind.DELETE, values);
  }

  private static List<String> shown(ResultTable table) {
    return table.rows().stream().map(row -> row.values()[0] + "=" + row.values()[1]).toList();
  }

  private static List<Boolean> changed(ResultTable table) {
    return table.rows().stream().map(ResultTable.Row::changed).toList();
  }
}
