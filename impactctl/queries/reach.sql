-- Reach by stakeholder group over the centres: the group's stakeholders involved in activities running in
-- the period, those activities, and the period's share of their reach (an activity that involved several
-- groups counts in each).
WITH vocab AS (
    SELECT key, min(position) AS position, arg_min(label, ledger_id) AS label
    FROM vocabularies WHERE vocabulary = 'groups' GROUP BY key
), involved AS (
    SELECT DISTINCT a.ledger_id, a.id AS activity, a.reach, st.id AS stakeholder, st."group"
    FROM (SELECT ledger_id, id, reach, unnest(stakeholders) AS sid FROM activity_shares) a
    JOIN stakeholders st ON st.ledger_id = a.ledger_id AND st.id = a.sid
), per_activity AS (
    SELECT DISTINCT ledger_id, activity, reach, "group" FROM involved
)
SELECT v.key AS "group", v.label,
       (SELECT count(DISTINCT ledger_id || '/' || stakeholder) FROM involved i WHERE i."group" = v.key) AS stakeholders,
       (SELECT count(*) FROM per_activity a WHERE a."group" = v.key) AS activities,
       (SELECT sum(reach) FROM per_activity a WHERE a."group" = v.key) AS people_reached
FROM vocab v
ORDER BY v.position, v.key;
