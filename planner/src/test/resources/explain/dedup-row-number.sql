-- ROW_NUMBER() = 1 is deduplication: insert-only, append mode without a watermark.
CREATE TABLE orders (id BIGINT, customer VARCHAR, ts TIMESTAMP(3)) WITH ('connector' = 'memory');
SELECT id, customer FROM (SELECT id, customer, ts, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) AS rn FROM orders) WHERE rn = 1;
