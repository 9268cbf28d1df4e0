-- Field-level completion (docs/movement.md, "Completed fields"). Where several formats cover a
-- board on one day, one snapshot is served and the others are kept as corroboration; a served
-- line missing its votes or its published rank takes them from a corroborating snapshot of the
-- same board and day that lists the same (model, variant) with a score agreeing within rounding
-- (at most 1 point apart: an integer-rounded or truncated copy of the same float, the rule of
-- snapshot_disagreement). A value the served snapshot has is never replaced. Where several
-- corroborating snapshots have the field, the first in serving order gives it (lowest precedence,
-- then the newest retrieval), the closest score first within one snapshot.
--
-- served_completion holds only the completed fields (with the snapshot each came from);
-- served_line carries the completed values and, for every value, the snapshot it came from
-- (votes_snapshot_id, rank_snapshot_id: the line's own snapshot, or the corroborating one).
-- Both are materialised by Warehouse.materialize() after served_snapshot.

CREATE OR REPLACE VIEW served_completion_view AS
WITH other AS (
    -- every other snapshot of a served snapshot's board and day (a carried-over copy is old data)
    SELECT s.snapshot_id, o.snapshot_id AS other_id, o.precedence, o.retrieved_at
    FROM served_snapshot AS s
    JOIN snapshot AS o
        ON o.board_id = s.board_id AND o.published_at = s.published_at
       AND o.snapshot_id <> s.snapshot_id AND NOT o.carried_over
),
served_entry AS (
    -- the lines of served snapshots with a second opinion; is their (model, variant) listed once?
    SELECT
        e.*,
        count(*) OVER (PARTITION BY e.snapshot_id, e.model_id, e.variant) = 1 AS single
    FROM entry AS e
    WHERE e.snapshot_id IN (SELECT snapshot_id FROM other)
),
other_entry AS (
    SELECT
        e.*,
        count(*) OVER (PARTITION BY e.snapshot_id, e.model_id, e.variant) = 1 AS single
    FROM entry AS e
    WHERE e.snapshot_id IN (SELECT other_id FROM other)
),
candidate AS (
    SELECT
        e.snapshot_id, e.position, x.other_id, x.precedence, x.retrieved_at,
        CASE WHEN e.votes IS NULL THEN c.votes END AS votes,
        CASE WHEN e.rank IS NULL THEN c.rank END AS rank,
        abs(e.score - c.score) AS score_difference
    FROM other AS x
    JOIN served_entry AS e ON e.snapshot_id = x.snapshot_id
    JOIN other_entry AS c
        ON c.snapshot_id = x.other_id AND c.model_id = e.model_id AND c.variant IS NOT DISTINCT FROM e.variant
    -- one line each side, so a (model, variant) listed twice is never matched to the wrong line
    WHERE e.single AND c.single
      AND ((e.votes IS NULL AND c.votes IS NOT NULL) OR (e.rank IS NULL AND c.rank IS NOT NULL))
      AND abs(e.score - c.score) <= 1.0
),
votes AS (
    SELECT snapshot_id, position, votes, other_id AS votes_snapshot_id
    FROM candidate
    WHERE votes IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY snapshot_id, position
        ORDER BY precedence, retrieved_at DESC, other_id DESC, score_difference
    ) = 1
),
ranks AS (
    SELECT snapshot_id, position, rank, other_id AS rank_snapshot_id
    FROM candidate
    WHERE rank IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY snapshot_id, position
        ORDER BY precedence, retrieved_at DESC, other_id DESC, score_difference
    ) = 1
)
SELECT
    coalesce(v.snapshot_id, r.snapshot_id) AS snapshot_id,
    coalesce(v.position, r.position) AS position,
    v.votes,
    v.votes_snapshot_id,
    r.rank,
    r.rank_snapshot_id
FROM votes AS v
FULL JOIN ranks AS r ON r.snapshot_id = v.snapshot_id AND r.position = v.position;
