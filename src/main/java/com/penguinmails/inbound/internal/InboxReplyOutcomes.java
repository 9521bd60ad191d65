package com.penguinmails.inbound.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageFailed;

/**
 * What delivery says of a reply written in the inbox: one it gave up on (refused for
 * good, or retried until it expired) is flagged {@code not_delivered} in its
 * conversation, with the server's reply.
 */
@Component
class InboxReplyOutcomes {

	private final InboxReplies replies;

	InboxReplyOutcomes(InboxReplies replies) {
		this.replies = replies;
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (failed.campaignId() == null && failed.enrolmentId() == null && failed.outboxId() != null) {
			replies.notDelivered(failed.workspaceId(), failed.outboxId(), failed.smtpReply());
		}
	}

}
