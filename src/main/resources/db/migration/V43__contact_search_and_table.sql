-- The contacts table at scale (issue 16): search, sort, keyset pages, chosen columns.

-- Search: every word of the query must occur (any case, substring) in one text built from the
-- row: email (so the address's domain too), first and last name, company, title and the string
-- values of custom (text fields; ISO dates are strings too). A GIN trigram index over that
-- expression serves ILIKE '%word%' for words of 3 characters or more. pg_trgm ships with
-- PostgreSQL and is a trusted extension (PostgreSQL 13+), so a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION contact_search_text(email TEXT, first_name TEXT, last_name TEXT, company TEXT, title TEXT,
                                    custom JSONB)
    RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT email || ' ' || first_name || ' ' || last_name || ' ' || company || ' ' || title || ' '
       || jsonb_path_query_array(custom, 'strict $.* ? (@.type() == "string")')::text $$;

CREATE INDEX contacts_search ON contacts
    USING gin (contact_search_text(email, first_name, last_name, company, title, custom) gin_trgm_ops);

-- Filter by tag: tags @> ARRAY[tag].
CREATE INDEX contacts_tags ON contacts USING gin (tags);

-- Keyset pages sorted by the columns people sort most (created_at and lower(email) have theirs).
CREATE INDEX contacts_by_company ON contacts (workspace_id, company, id);
CREATE INDEX contacts_by_last_name ON contacts (workspace_id, last_name, id);

-- The columns a member chose for the contacts table, per workspace: keys such as email, name,
-- company, custom.seats, comma separated, in order.
CREATE TABLE contact_table_columns (
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    columns      VARCHAR(2000) NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
