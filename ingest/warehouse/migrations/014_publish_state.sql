-- Nothing loaded is ever lost from view (issue 12).
--
-- data_version counts the committed loads: every transaction that adds snapshots adds 1 in the
-- same transaction. A generation is a copy of the warehouse, so it carries the data_version it
-- was published with, beside the schema version, the registry and claims fingerprints (also in
-- warehouse_meta) and the sources. Where the warehouse's differ from those of the generation
-- CURRENT names, the warehouse holds data no generation has (a writer died between its load and
-- its publish), and the next writer run publishes it first (ingest/warehouse/_published.py).
INSERT OR IGNORE INTO warehouse_meta VALUES ('data_version', '0');

-- ingest_run.status may now also be 'interrupted': stopped by Ctrl-C or SIGTERM, or found still
-- 'running' by the next writer (its process died without closing the run).
