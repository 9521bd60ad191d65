package com.penguinmails.reputation.internal.throttle;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageDeferred;
import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.inbound.BounceReceived;

/**
 * Feeds throttling the receivers' replies: the 4xx replies delivery deferred on, the 5xx
 * it failed on, and the DSNs inbound read.
 */
@Component
class ThrottleListener {

	private final ThrottleEngine engine;

	ThrottleListener(ThrottleEngine engine) {
		this.engine = engine;
	}

	@ApplicationModuleListener
	void on(MessageDeferred deferred) {
		engine.signal(deferred.workspaceId(), deferred.mailboxId(), deferred.toAddress(), null, null,
				deferred.smtpReply(), "smtp_deferred", deferred.outboxId(), deferred.at());
	}

	/**
	 * Only a 5xx reply: a message failed after its last 4xx retry was counted when it was
	 * deferred, and one never sent has no reply.
	 */
	@ApplicationModuleListener
	void on(MessageFailed failed) {
		String reply = failed.smtpReply();
		if (failed.mailboxId() != null && failed.at() != null && reply != null && reply.startsWith("5")) {
			engine.signal(failed.workspaceId(), failed.mailboxId(), failed.toAddress(), null, null, reply,
					"smtp_failed", failed.outboxId(), failed.at());
		}
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		Integer code = null;
		if (bounce.replyCode() != null && bounce.replyCode().strip().matches("[245]\\d\\d")) {
			code = Integer.valueOf(bounce.replyCode().strip());
		}
		String text = bounce.diagnostic() == null ? "" : bounce.diagnostic();
		engine.signal(bounce.workspaceId(), bounce.mailboxId(), bounce.address(), code, bounce.status(), text, "dsn",
				bounce.outboxId(), bounce.receivedAt());
	}

}
