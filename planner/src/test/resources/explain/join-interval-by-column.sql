-- Nexmark q4's join: bids between an auction's start and its expiry. The auction side leaves state
-- when the watermark passes its expiry, the bid side at once (no future auction starts before it).
CREATE TABLE auction (id BIGINT, category BIGINT, dateTime TIMESTAMP(3), expires TIMESTAMP(3), WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) WITH ('connector' = 'memory');
CREATE TABLE bid (auction BIGINT, price BIGINT, dateTime TIMESTAMP(3), WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) WITH ('connector' = 'memory');
SELECT A.id, A.category, B.price FROM auction A, bid B WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires;
