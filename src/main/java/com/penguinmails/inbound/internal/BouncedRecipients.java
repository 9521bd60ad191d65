package com.penguinmails.inbound.internal;

import java.util.Set;

import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.BounceReasons;

/** Bounced recipients built from a report's fields, each with its reason. */
final class BouncedRecipients {

	private BouncedRecipients() {
	}

	/**
	 * One bounced recipient with its reason.
	 * @param address the recipient
	 * @param action {@code "failed"} or {@code "delayed"}
	 * @param statusField the report's Status field, or {@code null}
	 * @param diagnostic the server's reply (Diagnostic-Code), or {@code null}
	 * @param context the reporting system's words about this recipient, or {@code null}
	 * @param remoteMta the Remote-MTA field's host, or {@code null}
	 * @param ours our own addresses (the bounce's addressees): a refusal naming one of
	 * them is about our sender, not the recipient
	 */
	static BouncedRecipient recipient(String address, String action, String statusField, String diagnostic,
			String context, String remoteMta, Set<String> ours) {
		String status = BounceReasons.status(statusField, diagnostic);
		String reply = BounceReasons.replyCode(diagnostic);
		if (reply == null && diagnostic == null) {
			reply = BounceReasons.replyCode(context);
		}
		if (status == null && diagnostic == null) {
			status = BounceReasons.serverCode(context);
		}
		String mta = (remoteMta != null) ? remoteMta : BounceReasons.remoteHost(diagnostic, context);
		BounceReason reason = BounceReasons.reason(action, status, reply, diagnostic, context, address, ours);
		return new BouncedRecipient(address, action, status, diagnostic, reason, reply, mta);
	}

}
