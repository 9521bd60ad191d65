package com.penguinmails.inbound.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The inbox's forms on a conversation (label, unread, done, reply now or later, cancel a
 * scheduled reply) and on a selection of conversations (bulk). A form sent from the
 * two-pane page ({@code view=pane}) comes back to {@code /inbox?open={id}}, else to the
 * conversation's full page.
 */
@Controller
class InboxActionsController {

	private final Inbox inbox;

	private final Tenancy tenancy;

	InboxActionsController(Inbox inbox, Tenancy tenancy) {
		this.inbox = inbox;
		this.tenancy = tenancy;
	}

	@PostMapping("/inbox/{id}/label")
	String label(@PathVariable UUID id, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String view, RedirectAttributes redirect) {
		return FormAction.run(redirect, back(id, view), () -> {
			inbox.label(tenancy.current(), id, label);
			return Done.notice(label.isBlank() ? "Label removed." : "Labelled.");
		});
	}

	/**
	 * Marks a conversation unread and leaves it (opening it would read it again): from
	 * the pane to the next conversation ({@code next}) in the two panes, or the list
	 * alone.
	 */
	@PostMapping("/inbox/{id}/unread")
	String unread(@PathVariable UUID id, @RequestParam(required = false) UUID next,
			@RequestParam(defaultValue = "") String view, RedirectAttributes redirect) {
		return FormAction.run(redirect, back(id, view), () -> {
			inbox.markRead(tenancy.current(), id, false);
			return Done.to("pane".equals(view) && next != null ? "/inbox?open=" + next : "/inbox", "Marked unread.");
		});
	}

	@PostMapping("/inbox/{id}/done")
	String done(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean done,
			@RequestParam(required = false) UUID next, @RequestParam(defaultValue = "") String view,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, back(id, view), () -> {
			inbox.archive(tenancy.current(), id, done);
			if (!done) {
				return Done.notice("Back in the inbox.");
			}
			return Done.to(next != null ? "/inbox?open=" + next : "/inbox", "Marked done.");
		});
	}

	@PostMapping("/inbox/{id}/reply")
	String reply(@PathVariable UUID id, @RequestParam(defaultValue = "") String text,
			@RequestParam(defaultValue = "") String sendAt, @RequestParam(defaultValue = "") String zone,
			@RequestParam(defaultValue = "false") boolean later, @RequestParam(defaultValue = "") String view,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, back(id, view), () -> {
			Instant at = later ? instant(sendAt, zone) : null;
			Inbox.Entry entry = inbox.reply(tenancy.current(), id, text, at);
			return Done
				.notice(entry.scheduledFor() != null ? "Reply scheduled." : "Reply queued: it leaves within seconds.");
		}, problem -> {
			redirect.addFlashAttribute("draft", text);
			redirect.addFlashAttribute("draftSendAt", sendAt);
		});
	}

	@PostMapping("/inbox/{id}/scheduled/{entryId}/cancel")
	String cancel(@PathVariable UUID id, @PathVariable UUID entryId, @RequestParam(defaultValue = "") String view,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, back(id, view), () -> {
			inbox.cancelScheduled(tenancy.current(), id, entryId);
			return Done.notice("Scheduled reply cancelled.");
		});
	}

	@PostMapping("/inbox/bulk")
	String bulk(@RequestParam(name = "ids", required = false) List<UUID> ids,
			@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String query, RedirectAttributes redirect) {
		String back = "/inbox" + (query.matches("[A-Za-z0-9_=&%.+-]*") && !query.isEmpty() ? "?" + query : "");
		return FormAction.run(redirect, back, () -> {
			int changed = inbox.bulk(tenancy.current(), ids, Inbox.BulkAction.of(action), label);
			return Done.notice(changed + " conversation(s) changed.");
		});
	}

	/** A {@code datetime-local} value in the browser's time zone (UTC when unknown). */
	private static Instant instant(String local, String zone) {
		try {
			ZoneId id = zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
			return LocalDateTime.parse(local).atZone(id).toInstant();
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-send-at", "Send later: give a date and time.");
		}
	}

	private static String back(UUID id, String view) {
		return "pane".equals(view) ? "/inbox?open=" + id : "/inbox/" + id;
	}

}
