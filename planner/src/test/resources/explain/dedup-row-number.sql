-- ROW_NUMBER() = 1 ordered by the event-time column keeps each key's earliest row: in append mode emitted once the watermark reaches its time.
CREATE TABLE orders (id BIGINT, customer VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'memory');
SELECT id, customer FROM (SELECT id, customer, ts, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) AS rn FROM orders) WHERE rn = 1;
