package com.penguinmails.mailboxes;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.SpfEvaluation;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.mailboxes.internal.MailboxConnections;
import com.penguinmails.mailboxes.internal.ProviderTransports;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.mailboxes.internal.MailboxRepository;
import com.penguinmails.mailboxes.internal.MailboxSettings;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's sender accounts: connect (with presets), list, edit, test for real,
 * pause, remove. Passwords are encrypted with the master key and never returned.
 */
@Service
public class Mailboxes {

	private final MailboxRepository repository;

	private final MailboxConnections connections;

	private final MailboxSettings settings;

	private final Domains domains;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<SandboxMailbox> sandbox;

	private final WorkspaceDirectory directory;

	private final ProviderTransports providers;

	Mailboxes(ProviderTransports providers, MailboxRepository repository, MailboxConnections connections,
			MailboxSettings settings, Domains domains, Clock clock, ApplicationEventPublisher events,
			ObjectProvider<SandboxMailbox> sandbox, WorkspaceDirectory directory) {
		this.directory = directory;
		this.providers = providers;
		this.repository = repository;
		this.connections = connections;
		this.settings = settings;
		this.domains = domains;
		this.clock = clock;
		this.events = events;
		this.sandbox = sandbox;
	}

	/** Whether the sandbox mail server runs (then the "sandbox" preset is offered). */
	public boolean sandboxAvailable() {
		return sandbox.getIfAvailable() != null;
	}

	/**
	 * Whether the mailbox sends into the sandbox, which catches everything: nothing
	 * leaves the machine, so its domain needs no DNS authentication to try campaigns.
	 */
	public boolean catchesAll(Mailbox mailbox) {
		SandboxMailbox server = sandbox.getIfAvailable();
		return server != null && mailbox.smtpPort() == server.smtpPort()
				&& (mailbox.smtpHost().equals("127.0.0.1") || mailbox.smtpHost().equalsIgnoreCase("localhost"));
	}

	/**
	 * Connects a new mailbox (nothing is tested yet: see {@link #test}). A preset
	 * ({@code google}, {@code microsoft}, {@code sandbox}) fills the servers left empty.
	 * Publishes {@link MailboxConnected}.
	 * @throws InvalidInputProblem 400 naming the field that is wrong, 409 when the
	 * address is already connected in the workspace
	 */
	@Transactional
	public Mailbox add(Tenant tenant, NewMailbox request) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		String email = MailboxSettings.email(request.email());
		String displayName = MailboxSettings.displayName(request.displayName());
		if (repository.exists(tenant.workspaceId(), email)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "mailbox-exists", email + " is already connected.");
		}
		UUID id = UUID.randomUUID();
		MailboxRepository.Provider provider = request.throughProvider() ? providers
			.settings(ProviderTransports.mailboxContext(id), MailboxRepository.Provider.SMTP, request.transport())
				: MailboxRepository.Provider.SMTP;
		repository.insert(tenant.workspaceId(), settings.forNew(id, email, displayName, request), clock.instant());
		if (provider.kind().provider()) {
			repository.setProvider(tenant.workspaceId(), id, provider);
		}
		events.publishEvent(new MailboxConnected(tenant.workspaceId(), id, email));
		return get(tenant, id);
	}

	/**
	 * Changes a mailbox's settings, with the same checks as {@link #add}; fields left
	 * {@code null} keep their values, and passwords change only when given (non-blank).
	 * The status is left alone: a mailbox in error becomes active again only through a
	 * successful {@link #test}.
	 */
	@Transactional
	public Mailbox update(Tenant tenant, UUID id, MailboxChanges changes) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		MailboxRepository.Row current = repository.lockCredentials(tenant.workspaceId(), id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		repository.update(tenant.workspaceId(), settings.forUpdate(current, changes));
		return get(tenant, id);
	}

	/**
	 * Sets how the mailbox sends: its SMTP server, or Postmark, Mailgun or Amazon SES
	 * with their credentials (encrypted; a blank secret keeps the stored one while the
	 * kind stays). Nothing is called yet: see {@link #test}. The old transport's error
	 * and test outcome are forgotten (a mailbox in error sends again, through the new
	 * transport); {@code fallbackToSmtp} counts only for a provider. Recorded in the
	 * audit log as {@code mailbox.transport_changed} (kinds only, never a secret).
	 * @throws InvalidInputProblem 400 naming the missing or invalid field
	 * @throws NotFoundProblem 404 when it is not a mailbox of the workspace
	 */
	@Transactional
	public Mailbox setTransport(Tenant tenant, UUID id, TransportSettings settings) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		MailboxRepository.Row current = repository.lockCredentials(tenant.workspaceId(), id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		if (settings == null) {
			throw new InvalidInputProblem("invalid-transport", "Give the transport: smtp, postmark, mailgun or ses.");
		}
		MailboxRepository.Provider provider = providers.settings(ProviderTransports.mailboxContext(id),
				current.provider(), settings);
		repository.setProvider(tenant.workspaceId(), id, provider);
		repository.forgetTransportOutcome(tenant.workspaceId(), id);
		Mailbox changed = get(tenant, id);
		events.publishEvent(AuditedAction.by(tenant, "mailbox.transport_changed",
				changed.email() + ": " + current.provider().kind().inSentence() + " to " + provider.kind().inSentence(),
				clock.instant()));
		return changed;
	}

	public List<Mailbox> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return repository.list(tenant.workspaceId());
	}

	public Mailbox get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Mailbox"));
	}

	/**
	 * Connects to both servers for real and records the outcome (an error puts it in
	 * error).
	 */
	@Transactional
	public ConnectionTest test(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		MailboxRepository.Row row = repository.credentials(tenant.workspaceId(), id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		ConnectionTest result = connections.test(row);
		String error = result.ok() ? null
				: (result.smtp().ok() ? ""
						: (row.provider().kind().provider() ? row.provider().kind().label() : "SMTP") + " "
								+ result.smtp().stage() + ": " + result.smtp().message())
						+ (result.smtp().ok() || result.imap().ok() ? "" : " ")
						+ (result.imap().ok() ? "" : "IMAP " + result.imap().stage() + ": " + result.imap().message());
		repository.recordTest(tenant.workspaceId(), id, result.ok(),
				error == null ? null : error.substring(0, Math.min(1000, error.length())), clock.instant());
		return result;
	}

	/**
	 * Sends one message (a template test) through the mailbox, to any address: the
	 * message is what {@code build} makes for the checked address (the caller builds and
	 * signs it as a campaign would).
	 * @throws InvalidInputProblem 400 for an invalid address or a refused server address,
	 * 502 when the server refused the connection or the message
	 */
	public void sendTest(Tenant tenant, UUID id, String to,
			java.util.function.Function<String, jakarta.mail.internet.MimeMessage> build) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		MailboxRepository.Row row = repository.credentials(tenant.workspaceId(), id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		String address;
		try {
			address = EmailAddresses.normalize(to);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email",
					"Send the test to one valid email address. " + ex.getMessage());
		}
		ConnectionTest.Step result = connections.send(row, build.apply(address));
		if (!result.ok()) {
			throw new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "send-failed",
					"Not sent: " + (row.provider().kind().provider() ? row.provider().kind().label() : "SMTP") + " "
							+ result.stage() + ": " + result.message());
		}
	}

	/**
	 * Pauses a mailbox by hand (recorded as "Paused by hand" by the caller's email
	 * address), or resumes it ({@code paused} false: active again, whatever paused it). A
	 * pause publishes {@link MailboxPaused}, the resume of a paused mailbox
	 * {@link MailboxResumed}; a change that changes nothing publishes nothing.
	 * @throws NotFoundProblem 404 when it is not a mailbox of the workspace
	 */
	@Transactional
	public void pause(Tenant tenant, UUID id, boolean paused) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		Mailbox mailbox = get(tenant, id);
		if (!paused) {
			if (repository.resume(tenant.workspaceId(), id)) {
				events.publishEvent(new MailboxResumed(tenant.workspaceId(), id, mailbox.email(), tenant.userId(),
						clock.instant()));
			}
			else {
				repository.setStatus(tenant.workspaceId(), id, MailboxStatus.ACTIVE);
			}
			return;
		}
		String by = tenant.userId() == null ? "" : directory.memberEmail(tenant.workspaceId(), tenant.userId());
		paused(tenant.workspaceId(), mailbox.email(),
				new MailboxPause("Paused by hand", by.isBlank() ? "a member" : by, clock.instant()), id);
	}

	/** Pauses and publishes {@link MailboxPaused} when it was not paused already. */
	private boolean paused(UUID workspaceId, String email, MailboxPause pause, UUID id) {
		if (!repository.pause(workspaceId, id, pause)) {
			return false;
		}
		events.publishEvent(
				new MailboxPaused(workspaceId, id, email, pause.reason(), pause.by(), pause.automatic(), pause.at()));
		return true;
	}

	/**
	 * For inbound: PenguinMails pauses a mailbox by itself
	 * ({@link MailboxPause#AUTOMATIC}) for {@code reason} (in words a person reads),
	 * publishing {@link MailboxPaused}. False when it was already paused (or is gone).
	 */
	@Transactional
	public boolean pauseAutomatically(UUID workspaceId, UUID id, String reason) {
		String why = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
		Optional<Mailbox> mailbox = repository.find(workspaceId, id);
		return mailbox.isPresent() && paused(workspaceId, mailbox.get().email(),
				new MailboxPause(why, MailboxPause.AUTOMATIC, clock.instant()), id);
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		get(tenant, id);
		repository.delete(tenant.workspaceId(), id);
	}

	/**
	 * The workspace's domain this mailbox sends from, when it has one (for its DKIM key
	 * and health).
	 */
	public Optional<Domain> domainOf(Tenant tenant, Mailbox mailbox) {
		String domain = mailbox.email().substring(mailbox.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
		return domains.list(tenant).stream().filter(d -> d.name().equals(domain)).findFirst();
	}

	/**
	 * Whether the mailbox's SMTP server may send for its domain, by the domain's
	 * published SPF (empty when the domain is not set up in this workspace).
	 */
	public Optional<SpfEvaluation> checkSpf(Tenant tenant, UUID id) {
		Mailbox mailbox = get(tenant, id);
		return domainOf(tenant, mailbox).map(domain -> domains.checkSender(tenant, domain.id(), mailbox.smtpHost()));
	}

	/**
	 * For other features (the dispatcher): a mailbox of the workspace, with no caller
	 * role involved.
	 */
	public Optional<Mailbox> find(UUID workspaceId, UUID id) {
		return repository.find(workspaceId, id);
	}

	/** For the campaign scheduler: the workspace's mailboxes among {@code ids}. */
	public List<Mailbox> findAll(UUID workspaceId, java.util.Collection<UUID> ids) {
		return ids.isEmpty() ? List.of() : repository.findAll(workspaceId, ids);
	}

	/**
	 * For the dispatcher: every mailbox of any workspace that must not send now (paused
	 * or in error).
	 */
	public List<UUID> unavailable() {
		return repository.unavailable();
	}

	/**
	 * For the dispatcher: connects and logs in to the mailbox's SMTP server. The password
	 * is decrypted only inside this feature, for the connection.
	 * @throws SmtpConnectionFailed when the server cannot be reached or refuses the login
	 * (stage {@code unavailable} when the mailbox no longer exists)
	 */
	public MailboxTransport connect(UUID workspaceId, UUID id) throws SmtpConnectionFailed {
		MailboxRepository.Row row = repository.credentials(workspaceId, id)
			.orElseThrow(() -> new SmtpConnectionFailed("unavailable", "The mailbox was removed."));
		return connections.open(row);
	}

	/**
	 * For the dispatcher: puts an active mailbox in error with what went wrong, so it
	 * sends nothing more until a connection test passes again, and publishes
	 * {@link MailboxErrored}.
	 */
	@Transactional
	public void markError(UUID workspaceId, UUID id, String error) {
		String reason = error == null ? "" : error.substring(0, Math.min(1000, error.length()));
		if (repository.markError(workspaceId, id, reason)) {
			repository.find(workspaceId, id)
				.ifPresent(
						mailbox -> events.publishEvent(new MailboxErrored(workspaceId, id, mailbox.email(), reason)));
		}
	}

	/** For the inbound sync: every mailbox of every workspace. */
	public List<MailboxRef> all() {
		return repository.all();
	}

	/**
	 * For the inbound sync: connects and logs in to the mailbox's IMAP server. The
	 * password is decrypted only inside this feature; the caller closes the store.
	 * @throws NotFoundProblem when the mailbox no longer exists
	 */
	public jakarta.mail.Store openImap(UUID workspaceId, UUID id) throws jakarta.mail.MessagingException {
		MailboxRepository.Row row = repository.credentials(workspaceId, id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		return connections.openImap(row, false);
	}

	/**
	 * For the inbound IDLE watcher: like {@link #openImap}, with reads that may wait up
	 * to 25 minutes for the server to say something.
	 */
	public jakarta.mail.Store watchImap(UUID workspaceId, UUID id) throws jakarta.mail.MessagingException {
		MailboxRepository.Row row = repository.credentials(workspaceId, id)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		return connections.openImap(row, true);
	}

}
