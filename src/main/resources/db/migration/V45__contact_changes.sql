-- A contact's own history for its activity timeline: list and tag membership, field and
-- status changes, by whom (a user, an API key, a bulk job, or the system). Deleted with the
-- contact (erasure leaves nothing behind).
CREATE TABLE contact_changes (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    contact_id    UUID         NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    -- created, updated, status, tag_added, tag_removed, list_added, list_removed, imported
    kind          VARCHAR(16)  NOT NULL,
    -- What changed, in words people read: "company: Acme → Blue Harbor", a tag, a list's name.
    detail        VARCHAR(1000) NOT NULL DEFAULT '',
    actor_user_id UUID,
    -- A bulk job's id when one did it.
    job_id        UUID,
    occurred_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX contact_changes_contact ON contact_changes (contact_id, occurred_at DESC, id DESC);
