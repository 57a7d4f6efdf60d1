-- A tumbling window with a watermark: append mode chosen, windows evicted by the watermark.
CREATE TABLE t (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'memory');
SELECT window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;
