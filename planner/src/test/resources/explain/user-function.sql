-- A user-defined function is called like a built-in, in the Calc that filters and projects.
CREATE TABLE t (v BIGINT NOT NULL, s VARCHAR) WITH ('connector' = 'memory');
CREATE FUNCTION twice AS 'dev.sluice.planner.codegen.Twice';
SELECT s, TWICE(s) AS ss, twice(v) AS vv FROM t WHERE twice(v) > 10;
