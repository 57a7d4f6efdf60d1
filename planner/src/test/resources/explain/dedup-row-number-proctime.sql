-- ROW_NUMBER() = 1 ordered by processing time keeps the first row seen: insert-only, append mode without a watermark.
CREATE TABLE orders (id BIGINT, customer VARCHAR, pt AS PROCTIME()) WITH ('connector' = 'memory');
SELECT id, customer FROM (SELECT id, customer, pt, ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt) AS rn FROM orders) WHERE rn = 1;
