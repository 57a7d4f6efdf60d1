-- An inner join without a time bound: allowed, with a warning that state grows without limit.
CREATE TABLE a (v BIGINT) WITH ('connector' = 'memory');
CREATE TABLE b (v BIGINT) WITH ('connector' = 'memory');
SELECT a.v AS k, b.v * 3 AS w FROM a JOIN b ON a.v = b.v;
