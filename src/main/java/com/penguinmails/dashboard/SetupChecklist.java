package com.penguinmails.dashboard;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.dashboard.Checklist.Item;
import com.penguinmails.dashboard.internal.DashboardRepository;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.Domains;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;
import com.penguinmails.warmup.Warmup;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The setup checklist of the home page: each item asks the feature it is about whether it
 * is done (a domain added, then verified, a mailbox whose connection test passed,
 * contacts, a launched campaign, a reply), so it ticks itself. Dismissed per workspace.
 */
@Service
public class SetupChecklist {

	private final Warmup warmup;

	private final DashboardRepository store;

	private final Domains domains;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Campaigns campaigns;

	SetupChecklist(DashboardRepository store, Domains domains, Mailboxes mailboxes, Contacts contacts,
			Campaigns campaigns, Warmup warmup) {
		this.store = store;
		this.warmup = warmup;
		this.domains = domains;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.campaigns = campaigns;
	}

	/** The checklist of the caller's workspace, for any member. */
	public Checklist of(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return of(tenant, domains.list(tenant), mailboxes.list(tenant), campaigns.list(tenant));
	}

	/** The checklist, from the workspace's lists the caller read already. */
	Checklist of(Tenant tenant, List<Domain> all, List<Mailbox> boxes, List<Campaign> launchedOrNot) {
		Optional<Domain> unverified = all.stream().filter(d -> d.status() != DomainStatus.VERIFIED).findFirst();
		boolean verified = all.stream().anyMatch(d -> d.status() == DomainStatus.VERIFIED);
		boolean tested = boxes.stream()
			.anyMatch(box -> box.status() == MailboxStatus.ACTIVE && box.lastTestedAt() != null);
		boolean launched = launchedOrNot.stream().anyMatch(campaign -> campaign.launchedAt() != null);
		List<Item> items = List.of(new Item("domain-added", "Add a sending domain",
				"The domain your mailboxes send from.", "/domains", !all.isEmpty(), false),
				verify(tenant, verified, unverified),
				new Item("mailbox-tested", "Connect a mailbox and pass its test",
						"Its SMTP and IMAP servers, then \"Test\". The sandbox preset needs no password.", "/mailboxes",
						tested, false),
				new Item("warmup", "Turn warmup on",
						"A few messages a day between pool mailboxes, rising slowly, so providers trust a new address.",
						"/warmup", warmup.anyEnabled(Tenant.system(tenant.workspaceId())), false),
				new Item("contacts-imported", "Import contacts", "A CSV file, or add them one by one.", "/contacts",
						contacts.count(tenant) > 0, false),
				new Item("campaign-launched", "Launch a first campaign", "Steps, mailboxes, recipients, then Launch.",
						"/campaigns", launched, false),
				new Item("first-reply", "See the first reply", "Replies land in the inbox, and stop the sequence.",
						"/inbox", store.anyReply(tenant.workspaceId()), false));
		int total = (int) items.stream().filter(item -> !item.comingSoon()).count();
		int done = (int) items.stream().filter(Item::done).count();
		return new Checklist(store.checklistDismissed(tenant.workspaceId()), items, done, total);
	}

	/** Hides ({@code true}) or shows the checklist again, for the whole workspace. */
	public void dismiss(Tenant tenant, boolean dismissed) {
		tenant.require(WorkspaceRole.MEMBER, "workspace:write");
		store.dismissChecklist(tenant.workspaceId(), dismissed);
	}

	private Item verify(Tenant tenant, boolean verified, Optional<Domain> unverified) {
		String link = unverified.map(d -> "/domains/" + d.id()).orElse("/domains");
		String hint = "Publish the DNS records the domain's page lists, then \"Verify\".";
		// RFC 2136: a domain whose DNS server takes signed updates can have its records
		// published for it.
		if (unverified.isPresent() && domains.dnsUpdate(tenant, unverified.get().id()).isPresent()) {
			hint = "DNS UPDATE (RFC 2136) is set up for " + unverified.get().name()
					+ ": \"Publish\" on its page writes the records for you.";
		}
		else if (unverified.isPresent()) {
			hint += " Or let PenguinMails publish them by DNS UPDATE (RFC 2136) where your DNS server allows it.";
		}
		return new Item("dns-verified", "Verify its DNS (SPF, DKIM, DMARC)", hint, link, verified, false);
	}

}
