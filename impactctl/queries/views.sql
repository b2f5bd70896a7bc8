-- The portfolio's shared definitions, run first. They read the Parquet tables (views named after them:
-- ledgers, outcomes, indicators, measurements, activities, stakeholders, evidence, vocabularies) and
-- `periods` (ledger_id, label, period_start, period_end, today): each ledger's reporting period.

-- A whole-number share of `total` over `days` days, up to day `day`: a running total rounded half up, so
-- the shares of consecutive periods add up exactly to the total (impactctl/report/attribution.py).
CREATE OR REPLACE MACRO running_total(total, day, days) AS
    (2 * total * least(greatest(day, 0), days) + days) // (2 * days);

-- The share of `total` that falls in [p_start, p_end] for an activity running from `first` to `last`.
CREATE OR REPLACE MACRO period_share(total, first, last, p_start, p_end) AS
    running_total(total, date_diff('day', first, least(p_end, last)) + 1, date_diff('day', first, last) + 1)
  - running_total(total, date_diff('day', first, p_start), date_diff('day', first, last) + 1);

-- round(x, 1) as Python rounds (the report's rounding): DuckDB's round() takes a tie held exactly in binary
-- (12.25, 12.75: a quarter) away from zero, Python to the even digit (12.2, 12.8); other values agree.
CREATE OR REPLACE MACRO round1(x) AS
    CASE WHEN x * 4 = floor(x * 4) AND abs(x * 4) % 2 = 1
         THEN (CASE WHEN floor(x * 10) % 2 = 0 THEN floor(x * 10) ELSE floor(x * 10) + 1 END) / 10
         ELSE round(x, 1) END;

-- Each outcome's status at its period's end, from the ledger alone (impactctl/report/status.py):
-- the ledger's status when the period ends on or after today or the status dates from then or before,
-- or when no status_date says it changed; otherwise the status that usually comes before it.
CREATE OR REPLACE VIEW outcome_status AS
SELECT o.ledger_id, o.id, o.title, o.area, o.domain, o.groups, o.due,
       CASE WHEN p.period_end >= p.today OR o.status_date IS NULL OR o.status_date <= p.period_end
            THEN o.status ELSE o.status_before END AS status,
       CASE WHEN p.period_end >= p.today OR o.status_date <= p.period_end THEN o.status_date END AS since
FROM outcomes o JOIN periods p USING (ledger_id);

-- Activities running in their ledger's period: whether they ended in it or go on after it, and the
-- period's share of their reach and (in the centre's currency, in hundredths) of their cost. A cost
-- written in whole units is shared in whole units.
CREATE OR REPLACE VIEW activity_shares AS
SELECT a.ledger_id, a.id, a.type, a.area, a.stakeholders,
       a.last_day BETWEEN p.period_start AND p.period_end AS ended,
       a.start <= p.period_end AND p.period_end < a.last_day AS ongoing,
       period_share(a.reach_count, a.start, a.last_day, p.period_start, p.period_end) AS reach,
       CASE WHEN a.cost_currency = l.currency THEN
           period_share(a.cost_minor // CASE WHEN a.cost_minor % 100 = 0 THEN 100 ELSE 1 END,
                        a.start, a.last_day, p.period_start, p.period_end)
         * CASE WHEN a.cost_minor % 100 = 0 THEN 100 ELSE 1 END
       END AS cost_minor
FROM activities a JOIN periods p USING (ledger_id) JOIN ledgers l USING (ledger_id)
WHERE a.start <= p.period_end AND a.last_day >= p.period_start;

-- Each indicator of an outcome not dropped at the period's end, against the straight line from its
-- baseline to its target, using the measurements up to the period's end (impactctl/report/progress.py).
CREATE OR REPLACE VIEW indicator_progress AS
WITH latest AS (
    SELECT m.ledger_id, m.outcome, m.indicator, m.value, m.value_text, m.date
    FROM measurements m JOIN periods p USING (ledger_id)
    WHERE m.date <= p.period_end
    QUALIFY row_number() OVER (PARTITION BY m.ledger_id, m.outcome, m.indicator
                               ORDER BY m.date DESC, m.position DESC) = 1
), placed AS (
    SELECT i.ledger_id, i.outcome, i.id AS indicator, i.position, i.name,
           s.title AS outcome_title, s.status = 'achieved' AS achieved, p.period_end AS as_of,
           i.measure <> 'qualitative' AND i.baseline_date IS NOT NULL AND i.target_date IS NOT NULL AS on_a_line,
           coalesce(i.target_date, s.due) AS due, i.baseline_date, i.target_date,
           latest.value AS latest, latest.date AS latest_date,
           CASE WHEN i.target_date <= i.baseline_date THEN 100.0
                ELSE round1(100 * (date_diff('day', i.baseline_date,
                                             least(greatest(p.period_end, i.baseline_date), i.target_date))::DOUBLE
                                   / date_diff('day', i.baseline_date, i.target_date))) END AS expected,
           CASE WHEN i.target_value = i.baseline_value THEN 100.0
                ELSE round1(100 * (latest.value - i.baseline_value) / (i.target_value - i.baseline_value))
           END AS percent
    FROM indicators i
    JOIN outcome_status s ON s.ledger_id = i.ledger_id AND s.id = i.outcome
    JOIN periods p ON p.ledger_id = i.ledger_id
    LEFT JOIN latest ON latest.ledger_id = i.ledger_id AND latest.outcome = i.outcome AND latest.indicator = i.id
    WHERE s.status <> 'dropped'
)
SELECT ledger_id, outcome, outcome_title, indicator, position, name, latest, latest_date,
       CASE WHEN on_a_line THEN percent END AS percent, CASE WHEN on_a_line THEN expected END AS expected,
       CASE
           WHEN NOT on_a_line THEN
               CASE WHEN achieved THEN 'achieved' WHEN due < as_of THEN 'overdue'
                    WHEN latest_date IS NULL THEN 'no data yet' ELSE 'on track' END
           WHEN latest IS NULL THEN  -- nothing measured yet, or measured in words
               CASE WHEN achieved THEN 'achieved' WHEN target_date < as_of THEN 'overdue' ELSE 'no data yet' END
           WHEN achieved OR percent >= 100 THEN 'achieved'
           WHEN target_date < as_of THEN 'overdue'
           WHEN percent >= expected THEN 'on track'
           WHEN percent >= 0.75 * expected THEN 'at risk'
           ELSE 'behind'
       END AS status
FROM placed;
