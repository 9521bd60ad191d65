package com.penguinmails.sandbox;

import java.util.Set;
import java.util.UUID;

/**
 * Who may read which caught mail: the sandbox shows a workspace's members the mail sent
 * from or to that workspace's mailboxes. Implemented by the feature that owns mailboxes
 * (which depends on the sandbox, never the other way round).
 */
public interface SandboxAudience {

	/** The email addresses (lower case) of the workspace's mailboxes; empty for none. */
	Set<String> mailboxAddresses(UUID workspaceId);

}
