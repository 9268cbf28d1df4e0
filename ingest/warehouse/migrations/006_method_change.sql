-- Method changes: days from which a source computes its scores or intervals differently, so a
-- rank or score before the day is not comparable with one after it. The movement and movers
-- queries list every change falling between their two ends as a discontinuity (docs/movement.md)
-- instead of reporting the difference as movement. This table is the one place to add them.
CREATE TABLE method_change (
    board_pattern VARCHAR NOT NULL,   -- LIKE pattern on board_id, e.g. 'lmarena.%'
    changed_on    DATE NOT NULL,      -- first published day computed with the new method
    description   VARCHAR NOT NULL,
    reference     VARCHAR NOT NULL,   -- where the source documents the change
    PRIMARY KEY (board_pattern, changed_on)
);

INSERT INTO method_change VALUES
    (
        'lmarena.%',
        DATE '2023-12-07',
        'Ratings from a Bradley-Terry maximum-likelihood fit over all battles instead of online '
            || 'Elo updates in battle order.',
        'LMSYS blog "Chatbot Arena: New models & Elo system update", 2023-12-07, '
            || 'https://lmsys.org/blog/2023-12-07-leaderboard/'
    ),
    (
        'lmarena.%',
        DATE '2025-07-23',
        'Confidence intervals from the central limit theorem for M-estimators instead of the '
            || 'bootstrap, and battles reweighted inversely to how often each pair appears '
            || '(scores shift, intervals widen).',
        'LMArena leaderboard changelog, entry of July 23, 2025, '
            || 'https://news.lmarena.ai/leaderboard-changelog'
    );
