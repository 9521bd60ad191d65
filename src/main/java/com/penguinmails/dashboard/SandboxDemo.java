package com.penguinmails.dashboard;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.dashboard.internal.DashboardRepository;
import com.penguinmails.dashboard.internal.DemoKind;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * "Try it in the sandbox": one call makes a demo sandbox mailbox (fast pacing: the
 * sandbox preset's), a handful of demo contacts at {@code example.test} (the sandbox
 * catches their mail) and a two-step demo campaign sending any day at any hour in the
 * user's time zone, and launches it. Everything is named "Demo" and its ids are kept
 * ({@code dashboard_demo}), so {@link #remove} takes it all away again.
 */
@Service
public class SandboxDemo {

	/** The demo contacts' first names; their addresses are at example.test. */
	static final List<String> PEOPLE = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara");

	/** Minutes between the demo's first and second step. */
	static final int FOLLOW_UP_MINUTES = 3;

	/** What the demo made. */
	public record Started(UUID mailboxId, String mailboxEmail, List<UUID> contactIds, UUID campaignId) {
	}

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final WorkspaceDirectory directory;

	private final DashboardRepository store;

	SandboxDemo(Mailboxes mailboxes, Contacts contacts, Campaigns campaigns, WorkspaceDirectory directory,
			DashboardRepository store) {
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.directory = directory;
		this.store = store;
	}

	/** Whether the sandbox mail server runs here (else the demo is not offered). */
	public boolean available() {
		return mailboxes.sandboxAvailable();
	}

	/** Whether the workspace has demo data now. */
	public boolean present(Tenant tenant) {
		return !store.demo(tenant.workspaceId(), DemoKind.CAMPAIGN).isEmpty();
	}

	/**
	 * Creates and launches the demo (members and above).
	 * @throws InvalidInputProblem 409 {@code demo-exists} when the workspace has one
	 * already, 409 {@code sandbox-off} when the sandbox mail server is off
	 */
	@Transactional
	public Started start(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		if (!available()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "sandbox-off",
					"The sandbox mail server is off on this installation.");
		}
		if (present(tenant)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "demo-exists",
					"The sandbox demo is already here: remove it first to start again.");
		}
		UUID workspaceId = tenant.workspaceId();
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Mailbox mailbox = mailboxes.add(tenant, new NewMailbox("demo-" + tag + "@penguinmails-demo.test", "Demo sender",
				"sandbox", null, null, "", "", null, null, null));
		store.demo(workspaceId, DemoKind.MAILBOX, mailbox.id());
		mailboxes.test(tenant, mailbox.id());
		List<UUID> people = new ArrayList<>();
		for (String name : PEOPLE) {
			UUID id = contacts
				.create(tenant,
						new Contacts.NewContact(name.toLowerCase() + "." + tag + "@example.test", name, "Demo",
								"Demo Company", "", "", "", "", "", "", null, List.of("demo")))
				.id();
			store.demo(workspaceId, DemoKind.CONTACT, id);
			people.add(id);
		}
		String zone = tenant.userId() == null ? "UTC" : directory.timeZone(tenant.userId());
		// Any day, any hour: the demo sends now, wherever the user is.
		Schedule anyTime = new Schedule(zone, false, List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.MIN,
				LocalTime.of(23, 59, 59), null, null, 1_000);
		Campaign campaign = campaigns.create(tenant,
				new Campaigns.Draft("Demo campaign (sandbox)", anyTime, null, List.of(mailbox.id()), steps()));
		store.demo(workspaceId, DemoKind.CAMPAIGN, campaign.id());
		campaigns.addRecipients(tenant, campaign.id(), people, List.of(), List.of());
		campaigns.launch(tenant, campaign.id());
		return new Started(mailbox.id(), mailbox.email(), people, campaign.id());
	}

	/**
	 * Removes everything the demo made: archives its campaign (its sequences stop),
	 * deletes its contacts and its mailbox. Needs an admin (deleting a mailbox does).
	 * @throws NotFoundProblem when the workspace has no demo
	 */
	@Transactional
	public void remove(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "campaigns:write");
		UUID workspaceId = tenant.workspaceId();
		if (!present(tenant)) {
			throw new NotFoundProblem("Sandbox demo");
		}
		for (UUID id : store.demo(workspaceId, DemoKind.CAMPAIGN)) {
			ignoreGone(() -> {
				if (campaigns.get(tenant, id).status() != CampaignStatus.ARCHIVED) {
					campaigns.archive(tenant, id);
				}
			});
		}
		store.demo(workspaceId, DemoKind.CONTACT).forEach(id -> ignoreGone(() -> contacts.delete(tenant, id)));
		store.demo(workspaceId, DemoKind.MAILBOX).forEach(id -> ignoreGone(() -> mailboxes.delete(tenant, id)));
		store.forgetDemo(workspaceId);
	}

	private static List<Step> steps() {
		return List.of(
				new Step(0, false, List.of(new Variant("Quick question, {{ first_name }}",
						"<p>Hi {{ first_name }},</p><p>This is the first step of a PenguinMails demo campaign. "
								+ "Answer it from the sandbox page: your reply stops this sequence.</p>",
						null))),
				new Step(FOLLOW_UP_MINUTES, false,
						List.of(new Variant("Quick question, {{ first_name }}",
								"<p>Hi {{ first_name }}, a follow-up: only people who did not answer get this one.</p>",
								null))));
	}

	/** Something the user removed by hand already is fine. */
	private static void ignoreGone(Runnable action) {
		try {
			action.run();
		}
		catch (NotFoundProblem ex) {
			// Already gone.
		}
	}

}
