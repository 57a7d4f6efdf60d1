-- ORDER BY on an aggregate: only complete mode allows it.
CREATE TABLE t (v INT) WITH ('connector' = 'memory');
SELECT v, COUNT(*) AS cnt FROM t GROUP BY v ORDER BY cnt DESC LIMIT 3;
