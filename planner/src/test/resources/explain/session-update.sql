-- Sessions without a watermark: only update and complete modes, state kept forever.
CREATE TABLE clicks (k VARCHAR, ts TIMESTAMP(3)) WITH ('connector' = 'memory');
SELECT k, window_start, window_end, COUNT(*) AS cnt FROM TABLE(SESSION(TABLE clicks, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '30' SECOND)) GROUP BY k, window_start, window_end;
