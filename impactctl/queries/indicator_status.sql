-- Per centre, how many indicators (of outcomes not dropped) stand at each status at the period's end.
SELECT ledger_id, status, count(*) AS indicators
FROM indicator_progress
GROUP BY ledger_id, status
ORDER BY ledger_id, status;
