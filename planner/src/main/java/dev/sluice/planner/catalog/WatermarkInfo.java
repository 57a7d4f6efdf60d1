package dev.sluice.planner.catalog;

/**
 * A table's {@code WATERMARK FOR column AS expression}.
 *
 * @param delayMillis how far the expression stays behind the column when it is the usual
 *     {@code column - INTERVAL ...}, or -1 for another expression
 */
public record WatermarkInfo(String column, String expression, long delayMillis) {}
