-- A WHERE on the unnested column, which Calcite puts between the correlate and the uncollect, and one on the row.
CREATE TABLE lines (line VARCHAR, n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory');
SELECT l.n, UPPER(w.word) AS up FROM lines AS l CROSS JOIN UNNEST(SPLIT(l.line, ' ')) AS w(word) WHERE w.word <> 'the' AND l.n > 1;
