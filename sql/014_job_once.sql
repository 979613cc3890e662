-- The cluster (issue 15): a job that must be queued once however many
-- runners on however many database nodes queue it (billing.close, one a
-- UTC day) carries a key; two runners queueing the same key leave one row
-- (on Galera the second insert fails certification and is let go).
-- NULL for every other job.
ALTER TABLE job
  ADD COLUMN once_key VARCHAR(64) CHARACTER SET ascii NULL,
  ADD UNIQUE KEY job_once (once_key);
