package com.penguinmails.inbound.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The unified inbox pages: the conversation list with its filters (refreshed every few
 * seconds by htmx, so new replies appear without a reload) and one conversation with its
 * label and a reply form.
 */
@Controller
class InboxController {

	private final Inbox inbox;

	private final InboundSync sync;

	private final CampaignNames campaigns;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	InboxController(Inbox inbox, InboundSync sync, CampaignNames campaigns, Mailboxes mailboxes, Tenancy tenancy) {
		this.inbox = inbox;
		this.sync = sync;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
	}

	@GetMapping("/inbox")
	String list(@RequestParam(required = false) UUID campaign, @RequestParam(required = false) UUID mailbox,
			@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) String label,
			@RequestParam(defaultValue = "replies") String show, @RequestParam(required = false) String cursor,
			@org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		Tenant tenant = tenancy.current();
		Inbox.Filter filter = new Inbox.Filter(campaign, mailbox, unread, label, show);
		model.addAttribute("page", inbox.threads(tenant, filter, cursor, 50));
		model.addAttribute("filter", filter);
		model.addAttribute("labels", Inbox.LABELS);
		model.addAttribute("campaigns", campaigns.campaigns(tenant.workspaceId()));
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		model.addAttribute("query", query(filter));
		if (htmx == null) {
			model.addAttribute("syncs", sync.statuses(tenant));
		}
		return htmx != null ? "inbox/list :: threads" : "inbox/list";
	}

	@GetMapping("/inbox/{id}")
	String thread(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("conversation", inbox.conversation(tenant, id, true));
		model.addAttribute("labels", Inbox.LABELS);
		model.addAttribute("canWrite", tenant.role().atLeast(WorkspaceRole.MEMBER));
		return "inbox/thread";
	}

	@PostMapping("/inbox/{id}/label")
	String label(@PathVariable UUID id, @RequestParam(defaultValue = "") String label, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/inbox/" + id, () -> {
			inbox.label(tenancy.current(), id, label);
			return Done.notice(label.isBlank() ? "Label removed." : "Labelled.");
		});
	}

	@PostMapping("/inbox/{id}/unread")
	String unread(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/inbox/" + id, () -> {
			inbox.markRead(tenancy.current(), id, false);
			return Done.to("/inbox", null);
		});
	}

	@PostMapping("/inbox/{id}/reply")
	String reply(@PathVariable UUID id, @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/inbox/" + id, () -> {
			inbox.reply(tenancy.current(), id, text);
			return Done.notice("Reply queued: it leaves within seconds.");
		}, problem -> redirect.addFlashAttribute("draft", text));
	}

	@PostMapping("/inbox/sync")
	String syncAll(RedirectAttributes redirect) {
		Tenant tenant = tenancy.current();
		return FormAction.run(redirect, "/inbox", () -> {
			tenant.require(WorkspaceRole.MEMBER, "inbox:write");
			int stored = 0;
			StringBuilder errors = new StringBuilder();
			for (var mailbox : mailboxes.list(tenant)) {
				InboundSync.Result result = sync.sync(tenant.workspaceId(), mailbox.id());
				stored += result.stored();
				if (result.error() != null) {
					errors.append(mailbox.email()).append(": ").append(result.error()).append(". ");
				}
			}
			if (!errors.isEmpty()) {
				redirect.addFlashAttribute("error", "Not synced: " + errors.toString().strip());
			}
			return Done.notice(stored + " new message(s).");
		});
	}

	private static String query(Inbox.Filter filter) {
		StringBuilder query = new StringBuilder("show=" + (filter.show() == null ? "replies" : filter.show()));
		if (filter.campaignId() != null) {
			query.append("&campaign=").append(filter.campaignId());
		}
		if (filter.mailboxId() != null) {
			query.append("&mailbox=").append(filter.mailboxId());
		}
		if (filter.unreadOnly()) {
			query.append("&unread=true");
		}
		if (filter.label() != null && !filter.label().isBlank()) {
			query.append("&label=").append(filter.label());
		}
		return query.toString();
	}

}
