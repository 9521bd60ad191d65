package com.penguinmails.inbound.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.Part;

import com.penguinmails.inbound.internal.Classification.Kind;
import com.penguinmails.shared.BounceReasons;

/**
 * Standard bounces: a multipart/report with report-type delivery-status (RFC 6522) whose
 * message/delivery-status part (RFC 3464) has a group of fields per recipient.
 *
 * <p>
 * Only recipients whose Action is {@code failed} or {@code delayed} bounced. A report
 * whose recipients were all {@code delivered}, {@code relayed} or {@code expanded} (a
 * success notice someone asked for) is a {@link Kind#MESSAGE} with no problems: nothing
 * bounced, so no bounce is recorded, and it is not a person's reply either. When the
 * status part cannot be read, the report is still a bounce: its recipients come from the
 * human-readable part, else from the attached original's To, with the type that text
 * allows (often {@code "unknown"}).
 */
final class DeliveryStatusReports {

	private static final Set<String> BOUNCED = Set.of("failed", "delayed");

	private static final Set<String> ACTIONS = Set.of("failed", "delayed", "delivered", "relayed", "expanded");

	private DeliveryStatusReports() {
	}

	/**
	 * A BOUNCE or success-only MESSAGE when the message is a delivery report, else empty.
	 */
	static Optional<Classification> read(MessageParts parts) {
		// RFC 6533: message/global-delivery-status is the same report, in UTF-8.
		List<Part> statusParts = parts.ofType("message/delivery-status", "message/global-delivery-status");
		if (statusParts.isEmpty() && !"delivery-status".equals(parts.reportType())) {
			return Optional.empty();
		}
		Original original = Originals.of(parts);
		List<BouncedRecipient> recipients = new ArrayList<>();
		if (statusParts.isEmpty()) {
			parts.problem("the delivery report has no message/delivery-status part");
		}
		else {
			recipients = recipients(parts, statusParts.get(0));
		}
		if (recipients.isEmpty()) {
			if (!statusParts.isEmpty()) {
				parts.problem("the delivery-status part could not be read");
			}
			List<BouncedRecipient> fromText = NonStandardBounces.recipients(parts, original);
			return Optional.of(new Classification(Kind.BOUNCE, fromText, null, original, null, parts.problems()));
		}
		List<BouncedRecipient> bounces = recipients.stream().filter((r) -> BOUNCED.contains(r.action())).toList();
		if (bounces.isEmpty()) {
			return Optional.of(new Classification(Kind.MESSAGE, List.of(), null, null, null, parts.problems()));
		}
		return Optional.of(new Classification(Kind.BOUNCE, bounces, null, original, null, parts.problems()));
	}

	private static List<BouncedRecipient> recipients(MessageParts parts, Part statusPart) {
		FieldBlocks fields = FieldBlocks.parse(parts.text(statusPart));
		List<BouncedRecipient> recipients = new ArrayList<>();
		// RFC 3464 §2.1: the first group is per-message; a group naming a recipient is a
		// per-recipient group wherever it stands (some servers omit the first).
		for (Map<String, String> group : fields.groups()) {
			String address = FieldBlocks.address(FieldBlocks.typed(group.get("final-recipient")));
			if (address == null) {
				address = FieldBlocks.address(FieldBlocks.typed(group.get("original-recipient")));
			}
			if (address != null) {
				recipients.add(recipient(parts, address, group));
			}
		}
		if (!recipients.isEmpty() && fields.strayLines() > 0) {
			parts.problem("the delivery-status part has lines that are not fields");
		}
		return recipients;
	}

	private static BouncedRecipient recipient(MessageParts parts, String address, Map<String, String> group) {
		String status = group.get("status");
		String diagnostic = FieldBlocks.typed(group.get("diagnostic-code"));
		String action = action(parts, address, group.get("action"), BounceReasons.code(status));
		String remoteMta = FieldBlocks.typed(group.get("remote-mta"));
		return BouncedRecipients.recipient(address, action, status, diagnostic,
				NonStandardBounces.about(parts, address), (remoteMta != null) ? remoteMta.strip() : null,
				NonStandardBounces.ours(parts));
	}

	/** RFC 3464 §2.3.3; a missing or unknown Action is inferred from the Status class. */
	private static String action(MessageParts parts, String address, String field, String status) {
		String action = (field != null) ? field.strip().toLowerCase(Locale.ROOT) : "";
		int comment = action.indexOf('(');
		action = (comment >= 0) ? action.substring(0, comment).strip() : action;
		if (ACTIONS.contains(action)) {
			return action;
		}
		parts.problem("the delivery status of " + address + " has "
				+ (action.isEmpty() ? "no Action" : "an unknown Action " + action));
		if (status != null && status.startsWith("2.")) {
			return "delivered";
		}
		return (status != null && status.startsWith("4.")) ? "delayed" : "failed";
	}

}
