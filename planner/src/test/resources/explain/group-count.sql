-- A running count per key: updating, kept forever, update mode chosen.
CREATE TABLE t (v INT, k VARCHAR) WITH ('connector' = 'memory');
SELECT k, COUNT(*) AS cnt, AVG(v) AS avg_v FROM t WHERE v > 0 GROUP BY k;
