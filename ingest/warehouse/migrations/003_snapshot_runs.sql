-- One continuous history per board across formats (views snapshot_choice, snapshot_run and
-- served_snapshot_view in ingest/warehouse/views/).
--
-- values_sha256 fingerprints what a snapshot says, independent of format: per model its id and
-- its vote count (or, where the source publishes no votes, its score to 2 decimals). Two files
-- with the same fingerprint carry the same leaderboard data even when one of them was scraped
-- later, rounds differently or names fields differently.
ALTER TABLE snapshot ADD COLUMN values_sha256 VARCHAR;

-- A warehouse migrated before the views moved out of the migrations has served_snapshot as a view.
DROP VIEW IF EXISTS served_snapshot;
