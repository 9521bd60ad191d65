-- The contacts table at 1M contacts (issue 16): a status filter ("bounced", 1 in 100) read
-- through its own index rather than by walking every contact, which also serves the table
-- sorted by status; and keyset pages sorted by first name or title, the other text columns
-- people sort by (company and last name have theirs since V43). Score, updated_at and custom
-- fields stay unindexed on purpose: score and updated_at change on every engagement, and an
-- index would make each such update rewrite every index of the row (no HOT update); their
-- sort reads the workspace once, narrowly (ContactPageRepository).
CREATE INDEX contacts_by_status ON contacts (workspace_id, status, id);
CREATE INDEX contacts_by_first_name ON contacts (workspace_id, first_name, id);
CREATE INDEX contacts_by_title ON contacts (workspace_id, title, id);
