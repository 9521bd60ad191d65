package com.penguinmails.inbound.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.inbound.internal.InboxComposer;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The unified inbox pages: two panes on a desktop (the conversation list with its one-row
 * filter bar, refreshed every few seconds by htmx; the open conversation on the right,
 * loaded by htmx from {@code /inbox/{id}/pane} and opened by {@code /inbox?open={id}}),
 * and one conversation as a full page ({@code /inbox/{id}}). The forms acting on a
 * conversation are in {@link InboxActionsController}.
 */
@Controller
class InboxController {

	private final Inbox inbox;

	private final InboundSync sync;

	private final CampaignNames campaigns;

	private final Mailboxes mailboxes;

	private final InboxComposer composer;

	private final Tenancy tenancy;

	InboxController(Inbox inbox, InboundSync sync, CampaignNames campaigns, Mailboxes mailboxes, InboxComposer composer,
			Tenancy tenancy) {
		this.inbox = inbox;
		this.sync = sync;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.composer = composer;
		this.tenancy = tenancy;
	}

	@GetMapping("/inbox")
	String list(@RequestParam(required = false) UUID campaign, @RequestParam(required = false) UUID mailbox,
			@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) String label,
			@RequestParam(defaultValue = "replies") String show, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean done, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) UUID open,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Boosted", required = false) String boosted, Model model) {
		Tenant tenant = tenancy.current();
		Inbox.Filter filter = new Inbox.Filter(campaign, mailbox, unread, label, show, q, done);
		model.addAttribute("page", inbox.threads(tenant, filter, cursor, 50));
		model.addAttribute("filter", filter);
		model.addAttribute("labels", Inbox.LABELS);
		model.addAttribute("query", InboxQuery.of(filter));
		model.addAttribute("openId", open);
		Map<UUID, String> names = new HashMap<>();
		campaigns.campaigns(tenant.workspaceId()).forEach(named -> names.put(named.id(), named.name()));
		model.addAttribute("campaignNames", names);
		// The list's refresh asks for the list alone; a boosted form's answer is the
		// page.
		if (htmx != null && boosted == null) {
			return "inbox/list :: threads";
		}
		model.addAttribute("campaigns",
				names.keySet()
					.stream()
					.map(id -> new CampaignNames.Named(id, names.get(id)))
					.sorted(java.util.Comparator.comparing(CampaignNames.Named::name))
					.toList());
		List<Mailbox> listed = mailboxes.list(tenant);
		model.addAttribute("mailboxes", listed);
		model.addAttribute("syncs", sync.statuses(tenant, listed));
		if (open != null) {
			try {
				pane(tenant, open, model);
			}
			catch (Problem problem) {
				model.addAttribute("error", problem.getMessage());
			}
		}
		return "inbox/list";
	}

	@GetMapping("/inbox/{id}/pane")
	String pane(@PathVariable UUID id, Model model) {
		pane(tenancy.current(), id, model);
		return "inbox/thread :: pane";
	}

	@GetMapping("/inbox/{id}")
	String thread(@PathVariable UUID id, Model model) {
		pane(tenancy.current(), id, model);
		model.addAttribute("fullPage", true);
		return "inbox/thread";
	}

	private void pane(Tenant tenant, UUID id, Model model) {
		model.addAttribute("conversation", inbox.conversation(tenant, id, true));
		model.addAttribute("labels", Inbox.LABELS);
		boolean canWrite = tenant.role().atLeast(WorkspaceRole.MEMBER);
		model.addAttribute("canWrite", canWrite);
		model.addAttribute("fullPage", false);
		model.addAttribute("snippets", canWrite ? composer.snippets(tenant) : List.of());
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

}
