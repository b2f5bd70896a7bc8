-- Live outcomes (not dropped at the period's end) by stakeholder group × impact domain, over all centres,
-- and in how many centres; a cell with none is a gap in the portfolio. Keys are ordered as in the first
-- ledger that lists them, labelled as there.
WITH vocab AS (
    SELECT vocabulary, key, min(position) AS position, arg_min(label, ledger_id) AS label
    FROM vocabularies GROUP BY vocabulary, key
), live AS (
    SELECT ledger_id, unnest(groups) AS grp, domain FROM outcome_status WHERE status <> 'dropped'
)
SELECT g.key AS "group", g.label AS group_label, d.key AS domain, d.label AS domain_label,
       count(live.ledger_id) AS outcomes, count(DISTINCT live.ledger_id) AS centres
FROM vocab g CROSS JOIN vocab d
LEFT JOIN live ON live.grp = g.key AND live.domain = d.key
WHERE g.vocabulary = 'groups' AND d.vocabulary = 'domains'
GROUP BY g.position, g.key, g.label, d.position, d.key, d.label
ORDER BY g.position, g.key, d.position, d.key;
