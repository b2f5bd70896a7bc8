-- Outcomes, across centres, with an indicator behind or overdue at the period's end.
SELECT ledger_id, outcome, any_value(outcome_title) AS title,
       count(*) FILTER (WHERE status = 'behind') AS behind,
       count(*) FILTER (WHERE status = 'overdue') AS overdue
FROM indicator_progress
WHERE status IN ('behind', 'overdue')
GROUP BY ledger_id, outcome
ORDER BY overdue DESC, behind DESC, ledger_id, outcome;
