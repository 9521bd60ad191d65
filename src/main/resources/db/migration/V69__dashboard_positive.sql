-- The home page's "Positive": conversations labelled interested or meeting booked now, each
-- counted on the UTC day it was first called positive and taken back when the label is cleared
-- or changed to a negative one (before, a conversation stayed counted whatever it was labelled
-- after, so the home page disagreed with /analytics).
CREATE TABLE dashboard_positive (
    thread_id     UUID PRIMARY KEY,
    workspace_id  UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day           DATE NOT NULL
);

-- The conversations counted so far that are still positive, on the day of their last change
-- (the day they were counted on was not kept; taking one back never goes below zero).
INSERT INTO dashboard_positive (thread_id, workspace_id, day)
SELECT t.id, t.workspace_id, (t.updated_at AT TIME ZONE 'UTC')::date
FROM inbound_threads t
JOIN dashboard_counted c ON c.source_id = 'positive:' || t.id
WHERE t.label IN ('interested', 'meeting_booked')
ON CONFLICT DO NOTHING;
