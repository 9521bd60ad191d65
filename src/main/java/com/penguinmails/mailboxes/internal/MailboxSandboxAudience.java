package com.penguinmails.mailboxes.internal;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.sandbox.SandboxAudience;

/**
 * Tells the sandbox which caught mail a workspace's members may read: what its mailboxes
 * sent and received.
 */
@Component
class MailboxSandboxAudience implements SandboxAudience {

	private final MailboxRepository repository;

	MailboxSandboxAudience(MailboxRepository repository) {
		this.repository = repository;
	}

	@Override
	public Set<String> mailboxAddresses(UUID workspaceId) {
		return repository.list(workspaceId)
			.stream()
			.map(Mailbox::email)
			.map(email -> email.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

}
