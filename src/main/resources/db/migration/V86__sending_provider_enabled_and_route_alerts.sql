-- A sending provider can be turned off without deleting it (its routes skip it, and it is
-- not checked while off). A route remembers since when all of its providers were failing,
-- so the alert saying so is raised once and resolved when one passes its check again.
ALTER TABLE sending_providers ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE sending_routes ADD COLUMN all_failing_since TIMESTAMPTZ;
