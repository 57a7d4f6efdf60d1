-- UNION ALL through a view keeps the event-time column; both watermarks are listed.
CREATE TABLE a (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'memory');
CREATE TABLE b (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'memory');
CREATE VIEW u AS SELECT v, ts FROM a UNION ALL SELECT v, ts FROM b;
SELECT window_start, COUNT(*) AS cnt, SUM(v) AS total FROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
