-- The name recipients see for a workspace (the unsubscribe page), set on the workspace
-- settings page. NULL: the workspace's own name.
ALTER TABLE workspaces ADD COLUMN sender_name VARCHAR(200);
