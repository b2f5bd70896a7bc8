-- Per centre, the period's headline figures (impactctl/report/figures.py, `headline`): activities
-- completed (ended in the period), people reached and cost (the period's shares), new evidence,
-- measurements taken, outcomes achieved in the period. Reach and cost are NULL when no activity records one.
WITH acts AS (
    SELECT ledger_id, count(*) FILTER (WHERE ended) AS completed, sum(reach) AS reach, sum(cost_minor) AS cost_minor
    FROM activity_shares GROUP BY ledger_id
), new_evidence AS (
    SELECT e.ledger_id, count(*) AS n FROM evidence e JOIN periods p USING (ledger_id)
    WHERE e.date BETWEEN p.period_start AND p.period_end GROUP BY e.ledger_id
), taken AS (
    SELECT m.ledger_id, count(*) AS n FROM measurements m JOIN periods p USING (ledger_id)
    WHERE m.date BETWEEN p.period_start AND p.period_end GROUP BY m.ledger_id
), achieved AS (
    SELECT s.ledger_id, count(*) AS n FROM outcome_status s JOIN periods p USING (ledger_id)
    WHERE s.status = 'achieved' AND s.since BETWEEN p.period_start AND p.period_end GROUP BY s.ledger_id
)
SELECT l.ledger_id, l.centre, l.currency, p.label AS period, p.period_start, p.period_end,
       coalesce(acts.completed, 0) AS activities_completed, acts.reach AS people_reached,
       acts.cost_minor AS cost_minor, coalesce(new_evidence.n, 0) AS new_evidence,
       coalesce(taken.n, 0) AS measurements, coalesce(achieved.n, 0) AS outcomes_achieved
FROM ledgers l JOIN periods p USING (ledger_id)
LEFT JOIN acts USING (ledger_id) LEFT JOIN new_evidence USING (ledger_id)
LEFT JOIN taken USING (ledger_id) LEFT JOIN achieved USING (ledger_id)
ORDER BY l.ledger_id;
