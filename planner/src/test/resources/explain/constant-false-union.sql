-- A branch whose condition folds to false is an empty stream and leaves the union; the other keeps its watermark.
CREATE TABLE t (k VARCHAR, g INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory');
SELECT TUMBLE_START(ts, INTERVAL '1' SECOND) AS ws, COUNT(*) AS c
FROM (SELECT k, ts FROM t WHERE 1 > 2 UNION ALL SELECT k, ts FROM t WHERE g > 0)
GROUP BY TUMBLE(ts, INTERVAL '1' SECOND);
