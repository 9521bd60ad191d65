package com.penguinmails.inbound.internal;

import java.util.List;

/** STUB until the parser lands. */
public record Classification(Kind kind, List<BouncedRecipient> bounces, Complaint complaint, Original original,
		String autoReplyReason, List<String> problems) {

	public enum Kind {

		BOUNCE, COMPLAINT, AUTO_REPLY, UNSUBSCRIBE, MESSAGE

	}

}
