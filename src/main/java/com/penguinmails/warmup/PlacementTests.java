package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.StepLint;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.warmup.internal.PlacementRepository;
import com.penguinmails.warmup.internal.PlacementSender;
import com.penguinmails.warmup.internal.Providers;
import com.penguinmails.warmup.internal.SeedFinder;

/**
 * Placement tests: a campaign step, rendered for the sample contact, sent from a mailbox
 * to seed mailboxes (the warmup pool's, and addresses the user adds), then looked for in
 * each seed PenguinMails can read — inbox, spam, another folder, or missing after 15
 * minutes — and filed into the seed's "Warmup" folder. Kept as history.
 */
@Service
public class PlacementTests {

	/** The header every copy carries: the test's id. */
	public static final String HEADER = "X-PenguinMails-Placement";

	/** The seed word that stands for the pool's mailboxes. */
	public static final String POOL = "pool";

	/** At most this many seeds per test. */
	public static final int MAX_SEEDS = 50;

	/** At most this many pool mailboxes per provider. */
	static final int POOL_PER_PROVIDER = 2;

	/** A copy not found this long after it was sent is missing. */
	public static final Duration PATIENCE = Duration.ofMinutes(15);

	private final PlacementRepository repository;

	private final PlacementSender sender;

	private final SeedFinder finder;

	private final StepLint steps;

	private final Mailboxes mailboxes;

	PlacementTests(PlacementRepository repository, PlacementSender sender, SeedFinder finder, StepLint steps,
			Mailboxes mailboxes) {
		this.repository = repository;
		this.sender = sender;
		this.finder = finder;
		this.steps = steps;
		this.mailboxes = mailboxes;
	}

	/**
	 * What to test.
	 *
	 * @param step 1-based
	 * @param variant 1-based, or null for the first
	 * @param mailboxId the sending mailbox (any of the workspace's)
	 * @param seeds {@value #POOL} for the pool's mailboxes and/or email addresses; 1 to
	 * {@value #MAX_SEEDS} seeds in all
	 */
	public record NewPlacementTest(UUID campaignId, Integer step, Integer variant, UUID mailboxId, List<String> seeds) {
	}

	/** A seed to send to: readable through a mailbox, or not (mailboxId null). */
	private record Target(String address, UUID workspaceId, UUID mailboxId, String provider) {
	}

	/**
	 * Renders the step, sends one copy per seed (a unique Message-ID each, header
	 * {@value #HEADER}) and keeps the test; the copies are looked for by {@link #check}.
	 * @throws InvalidInputProblem (400) for an unknown campaign, step, variant or
	 * mailbox, no seeds, more than {@value #MAX_SEEDS}, or an address that is not one
	 */
	public PlacementTest create(Tenant tenant, NewPlacementTest request, Instant now) {
		tenant.require(WorkspaceRole.MEMBER, "warmup:write");
		if (request == null || request.campaignId() == null || request.step() == null || request.mailboxId() == null) {
			throw new InvalidInputProblem("invalid-placement-test", "Choose a campaign, a step and a sending mailbox.");
		}
		Mailbox from = mailboxes.find(tenant.workspaceId(), request.mailboxId())
			.orElseThrow(() -> new InvalidInputProblem("unknown-mailbox", "The sending mailbox is not one of yours."));
		StepLint.Sample sample = sample(tenant, request);
		List<Target> targets = targets(tenant, request.seeds(), from);
		UUID id = UUID.randomUUID();
		int variant = request.variant() == null ? 1 : request.variant();
		repository.create(tenant.workspaceId(), id, request.campaignId(), request.step(), request.variant(), from.id(),
				sample.subject(), now);
		Map<String, String> messageIds = new LinkedHashMap<>();
		for (Target target : targets) {
			String messageId = com.penguinmails.delivery.Outbox.messageId(UUID.randomUUID(), from.email());
			repository.addSeed(id, target.address(), target.workspaceId(), target.mailboxId(), target.provider(),
					messageId);
			messageIds.put(target.address(), messageId);
		}
		sender.send(tenant.workspaceId(), from, id, sample, messageIds, now);
		return get(tenant, id);
	}

	private StepLint.Sample sample(Tenant tenant, NewPlacementTest request) {
		try {
			// The caller's warmup:write covers reading the step it tests: rendered with
			// the
			// workspace's own rights (same workspace, so nothing of another is
			// reachable).
			return steps.sample(Tenant.system(tenant.workspaceId()), request.campaignId(), request.step(),
					request.variant() == null ? 1 : request.variant());
		}
		catch (NotFoundProblem ex) {
			String what = ex.getMessage() == null ? "" : ex.getMessage().toLowerCase(Locale.ROOT);
			if (what.contains("campaign")) {
				throw new InvalidInputProblem("unknown-campaign", "There is no such campaign in this workspace.");
			}
			throw new InvalidInputProblem("unknown-step",
					"The campaign has no step " + request.step()
							+ (request.variant() == null ? "" : " with a variant " + request.variant())
							+ " with a message to send.");
		}
	}

	private List<Target> targets(Tenant tenant, List<String> seeds, Mailbox from) {
		if (seeds == null || seeds.isEmpty()) {
			throw new InvalidInputProblem("no-seeds", "Choose the pool and/or add seed addresses.");
		}
		Map<String, Target> targets = new LinkedHashMap<>();
		Map<String, MailboxRef> readable = readable(tenant.workspaceId());
		for (String seed : seeds) {
			String value = seed == null ? "" : seed.strip();
			if (value.equalsIgnoreCase(POOL)) {
				pool(tenant.workspaceId(), from).forEach(t -> targets.putIfAbsent(t.address(), t));
				continue;
			}
			if (!EmailAddresses.isValid(value)) {
				throw new InvalidInputProblem("invalid-seed", "'" + value + "' is not an email address.");
			}
			String address = EmailAddresses.normalize(value);
			MailboxRef ref = readable.get(address);
			targets.putIfAbsent(address,
					ref == null
							? new Target(address, null, null, EmailAddresses.domainOf(address).toLowerCase(Locale.ROOT))
							: target(ref));
		}
		if (targets.isEmpty()) {
			throw new InvalidInputProblem("no-seeds",
					"The pool has no other warmup mailbox yet: add seed addresses, or turn warmup on for more mailboxes.");
		}
		if (targets.size() > MAX_SEEDS) {
			throw new InvalidInputProblem(HttpStatus.BAD_REQUEST, "too-many-seeds",
					"At most " + MAX_SEEDS + " seeds per test (" + targets.size() + " given).");
		}
		return List.copyOf(targets.values());
	}

	/** Addresses PenguinMails can read: the workspace's own mailboxes and its pool's. */
	private Map<String, MailboxRef> readable(UUID workspaceId) {
		Map<String, MailboxRef> readable = new LinkedHashMap<>();
		Map<UUID, MailboxRef> all = new LinkedHashMap<>();
		mailboxes.all().forEach(ref -> all.put(ref.id(), ref));
		for (UUID[] member : repository.pool(workspaceId)) {
			MailboxRef ref = all.get(member[1]);
			if (ref != null && ref.workspaceId().equals(member[0])) {
				readable.put(EmailAddresses.normalize(ref.email()), ref);
			}
		}
		all.values()
			.stream()
			.filter(ref -> ref.workspaceId().equals(workspaceId))
			.forEach(ref -> readable.putIfAbsent(EmailAddresses.normalize(ref.email()), ref));
		return readable;
	}

	/** The pool's active mailboxes but the sender, at most two per provider. */
	private List<Target> pool(UUID workspaceId, Mailbox from) {
		Map<UUID, MailboxRef> all = new LinkedHashMap<>();
		mailboxes.all().forEach(ref -> all.put(ref.id(), ref));
		Map<String, Integer> perProvider = new LinkedHashMap<>();
		List<Target> targets = new ArrayList<>();
		for (UUID[] member : repository.pool(workspaceId)) {
			MailboxRef ref = all.get(member[1]);
			if (ref == null || !ref.workspaceId().equals(member[0]) || ref.status() != MailboxStatus.ACTIVE
					|| ref.id().equals(from.id())) {
				continue;
			}
			Target target = target(ref);
			if (perProvider.merge(target.provider(), 1, Integer::sum) <= POOL_PER_PROVIDER) {
				targets.add(target);
			}
		}
		return targets;
	}

	private Target target(MailboxRef ref) {
		String host = mailboxes.find(ref.workspaceId(), ref.id()).map(Mailbox::imapHost).orElse("");
		return new Target(EmailAddresses.normalize(ref.email()), ref.workspaceId(), ref.id(), Providers.of(host));
	}

	/**
	 * Looks for the test's copies not found yet in each readable seed (every folder, IMAP
	 * SEARCH HEADER Message-ID); a copy found is filed into the seed's "Warmup" folder;
	 * one still not found {@link #PATIENCE} after it was sent is missing. A seed that
	 * cannot be read now is tried again next time.
	 * @return the test as it stands, empty for an unknown test
	 */
	public Optional<PlacementTest> check(UUID testId, Instant now) {
		Optional<UUID> workspaceId = repository.workspaceOf(testId);
		if (workspaceId.isEmpty()) {
			return Optional.empty();
		}
		for (PlacementRepository.Pending seed : repository.pending(testId)) {
			try {
				Optional<SeedFinder.Found> found = finder.find(seed.seedWorkspaceId(), seed.seedMailboxId(),
						seed.messageId());
				if (found.isPresent()) {
					repository.found(testId, seed.address(), found.get().placement(), found.get().folder(), now);
				}
				else if (!now.isBefore(seed.sentAt().plus(PATIENCE))) {
					repository.found(testId, seed.address(), Placement.MISSING, null, now);
				}
				else {
					repository.checked(testId, seed.address(), now);
				}
			}
			catch (MessagingException | NotFoundProblem ex) {
				repository.checked(testId, seed.address(), now);
			}
		}
		return repository.find(workspaceId.get(), testId);
	}

	/** {@link #check} for a test of the caller's workspace ("Check now"). */
	public PlacementTest check(Tenant tenant, UUID testId, Instant now) {
		get(tenant, testId);
		return check(testId, now).orElseThrow(() -> new NotFoundProblem("Placement test"));
	}

	/** Checks every test with a copy still looked for (the warmup loop, every minute). */
	public int checkPending(Instant now) {
		List<UUID> tests = repository.testsPending();
		tests.forEach(id -> check(id, now));
		return tests.size();
	}

	/** A test of the caller's workspace with its seeds. */
	public PlacementTest get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Placement test"));
	}

	/** The workspace's tests, newest first ({@code limit} 1–100). */
	public CursorPage<PlacementTest.Summary> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		return repository.list(tenant.workspaceId(), CursorPage.Position.parse(cursor), CursorPage.limit(limit, 100));
	}

	/**
	 * A copy of a placement test, for inbound to skip: its {@value #HEADER} names a test,
	 * or its Message-ID is one a test sent. Never from a header naming no test.
	 */
	public boolean isPlacementMessage(MimeMessage message) {
		try {
			String header = message.getHeader(HEADER, null);
			UUID testId = null;
			if (header != null) {
				try {
					testId = UUID.fromString(header.strip());
				}
				catch (IllegalArgumentException ex) {
					testId = null;
				}
			}
			String messageId = message.getMessageID();
			if (testId == null && messageId == null) {
				return false;
			}
			return repository.known(messageId == null ? null : messageId.strip(), testId);
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
