package com.penguinmails.webhooks.internal.catalogue;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.inbound.ContactMessagesIn;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.Keyset;
import com.penguinmails.shared.Tenant;

/**
 * Conversations of the inbox as the catalogue needs them, through inbound's public API: a
 * thread's campaign, contact, mailbox and label, and the label of the thread a reply
 * landed in. Never throws: what cannot be found is empty.
 */
@Component
class ConversationLookups {

	/** How many of a contact's latest inbound messages are searched for a reply. */
	private static final int RECENT = 20;

	/** A conversation: its label may be null (none set). */
	record Thread(UUID id, UUID campaignId, UUID contactId, String contactEmail, UUID mailboxId, String label) {
	}

	private final Inbox inbox;

	private final ContactMessagesIn messagesIn;

	private final TransactionTemplate apart;

	ConversationLookups(Inbox inbox, ContactMessagesIn messagesIn, PlatformTransactionManager transactions) {
		this.inbox = inbox;
		this.messagesIn = messagesIn;
		// Inbox.conversation is transactional and throws for an unknown thread: in the
		// listener's own transaction that would mark it rollback-only and lose the event.
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.apart.setReadOnly(true);
	}

	/** The conversation, read as the system (marking nothing read). */
	Optional<Thread> thread(UUID workspaceId, UUID threadId) {
		return CatalogueLookups.quietly("conversation", () -> apart.execute(status -> {
			Inbox.Conversation conversation = inbox.conversation(Tenant.system(workspaceId), threadId, false);
			String email = conversation.contact() == null ? null : conversation.contact().email();
			return Optional.of(new Thread(threadId, conversation.campaignId(), conversation.contactId(), email,
					conversation.mailboxId(), conversation.label()));
		}));
	}

	/**
	 * The label of the conversation holding the inbound message {@code inboundId} of the
	 * contact, when one is set.
	 */
	Optional<String> labelOf(UUID workspaceId, UUID contactId, UUID inboundId) {
		if (contactId == null || inboundId == null) {
			return Optional.empty();
		}
		return CatalogueLookups
			.quietly("reply's conversation",
					() -> messagesIn.about(workspaceId, contactId, null, Keyset.FIRST, RECENT)
						.stream()
						.filter(received -> inboundId.equals(received.id()))
						.findFirst())
			.flatMap(received -> thread(workspaceId, received.threadId()))
			.map(Thread::label);
	}

}
