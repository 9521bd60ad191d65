package com.penguinmails.inbound.internal;

import com.penguinmails.shared.BounceReason;

/**
 * One recipient of a bounce.
 *
 * @param address the recipient's bare address, e.g. {@code "bob@example.com"}
 * @param action {@code "failed"} or {@code "delayed"} (RFC 3464 §2.3.3)
 * @param status the enhanced status code (RFC 3463) that best describes the failure, e.g.
 * {@code "5.1.1"}: the receiving server's own, when its reply in the Diagnostic-Code
 * gives one, else the report's Status field; {@code null} when the report has none
 * @param diagnostic the remote server's reply or the report's own words, or {@code null}
 * @param reason why it bounced; never {@code null} ({@link BounceReason#UNDEFINED} when
 * nothing says)
 * @param replyCode the SMTP reply code (RFC 5321 §4.2) of the server's reply, e.g.
 * {@code "550"}, or {@code null}
 * @param remoteMta the host that gave the reply (RFC 3464 Remote-MTA, or the host the
 * text names), or {@code null}
 */
public record BouncedRecipient(String address, String action, String status, String diagnostic, BounceReason reason,
		String replyCode, String remoteMta) {

	public BouncedRecipient {
		reason = (reason != null) ? reason : BounceReason.UNDEFINED;
	}

	/**
	 * Whether the failure is final: the report says failed, and neither the status (RFC
	 * 3463 §2 class 4) nor the server's reply code (RFC 5321 §4.2.1 4yz) is transient.
	 */
	public boolean permanent() {
		if ("delayed".equals(this.action)) {
			return false;
		}
		if (this.status != null && this.status.startsWith("4.")) {
			return false;
		}
		return this.replyCode == null || !this.replyCode.startsWith("4");
	}

	/** What this bounce calls for: suppress, retry or act on our side. */
	public BounceReason.Action bounceAction() {
		return this.reason.actionFor(permanent());
	}

	/**
	 * {@code "hard"} (suppress), {@code "soft"} (retry), {@code "block"} (the receiver
	 * refused us) or {@code "unknown"} (no evidence).
	 */
	public String type() {
		return this.reason.type(permanent());
	}

}
