package com.penguinmails.mailboxes;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.SpfEvaluation;
import com.penguinmails.mailboxes.internal.MailboxConnections;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.mailboxes.internal.MailboxRepository;
import com.penguinmails.shared.EmailAddresses;
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

	private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.-]{1,253}$");

	private final MailboxRepository repository;

	private final MailboxConnections connections;

	private final Domains domains;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<SandboxMailbox> sandbox;

	Mailboxes(MailboxRepository repository, MailboxConnections connections, Domains domains, Clock clock,
			ApplicationEventPublisher events, ObjectProvider<SandboxMailbox> sandbox) {
		this.repository = repository;
		this.connections = connections;
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

	/** Connection presets of the common providers. */
	public enum Preset {

		GOOGLE("smtp.gmail.com", 587, Security.STARTTLS, "imap.gmail.com", 993, Security.TLS),
		MICROSOFT("smtp.office365.com", 587, Security.STARTTLS, "outlook.office365.com", 993, Security.TLS);

		final String smtpHost;

		final int smtpPort;

		final Security smtpSecurity;

		final String imapHost;

		final int imapPort;

		final Security imapSecurity;

		Preset(String smtpHost, int smtpPort, Security smtpSecurity, String imapHost, int imapPort,
				Security imapSecurity) {
			this.smtpHost = smtpHost;
			this.smtpPort = smtpPort;
			this.smtpSecurity = smtpSecurity;
			this.imapHost = imapHost;
			this.imapPort = imapPort;
			this.imapSecurity = imapSecurity;
		}

	}

	@Transactional
	public Mailbox add(Tenant tenant, NewMailbox request) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		String email;
		try {
			email = EmailAddresses.normalize(request.email());
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email",
					"Enter the mailbox's email address, like jo@example.com. " + ex.getMessage());
		}
		String displayName = displayName(request.displayName());
		if (repository.exists(tenant.workspaceId(), email)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "mailbox-exists", email + " is already connected.");
		}
		if ("sandbox".equalsIgnoreCase(request.preset())) {
			request = sandboxed(request);
		}
		Preset preset = preset(request.preset());
		ServerSettings smtp = server("SMTP", request.smtp(),
				preset == null ? new ServerSettings(null, 587, Security.STARTTLS, email, null)
						: new ServerSettings(preset.smtpHost, preset.smtpPort, preset.smtpSecurity, email, null));
		boolean smtpAuth = request.smtpAuth() == null || request.smtpAuth();
		if (smtpAuth && (smtp.password() == null || smtp.password().isEmpty())) {
			throw new InvalidInputProblem("password-required", "Give the mailbox's password (or app password).");
		}
		ServerSettings imap = server("IMAP", request.imap(),
				preset == null ? new ServerSettings(null, 993, Security.TLS, email, null)
						: new ServerSettings(preset.imapHost, preset.imapPort, preset.imapSecurity, email, null));
		if (imap.password() == null || imap.password().isEmpty()) {
			if (smtp.password() == null || smtp.password().isEmpty()) {
				throw new InvalidInputProblem("password-required", "Give the IMAP password of the mailbox.");
			}
			// Most providers use the same app password for both.
			imap = new ServerSettings(imap.host(), imap.port(), imap.security(), imap.username(), smtp.password());
		}
		int cap = request.dailyCap() == null ? 30 : request.dailyCap();
		int minGap = request.minGapSeconds() == null ? 60 : request.minGapSeconds();
		int maxGap = request.maxGapSeconds() == null ? Math.max(300, minGap) : request.maxGapSeconds();
		checkPacing(cap, minGap, maxGap);
		String replyTo = replyTo(request.replyTo());
		UUID id = UUID.randomUUID();
		repository.insert(tenant.workspaceId(), new MailboxRepository.Row(id, email, displayName, smtp.host(),
				smtp.port(), smtp.security(), smtp.username(),
				connections.encrypt(id, "smtp", smtp.password() == null ? "" : smtp.password()), imap.host(),
				imap.port(), imap.security(), imap.username(), connections.encrypt(id, "imap", imap.password()),
				request.signatureHtml() == null ? "" : request.signatureHtml(), replyTo, cap, minGap, maxGap, smtpAuth),
				clock.instant());
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
		if (changes.email() != null && !changes.email().strip().equalsIgnoreCase(current.email())) {
			throw new InvalidInputProblem("email-not-editable", "A mailbox's address cannot change: its sends, "
					+ "replies and domain link are tied to it. Connect the other address as a new mailbox.");
		}
		String displayName = changes.displayName() == null ? current.displayName() : displayName(changes.displayName());
		ServerSettings smtp = server("SMTP", changes.smtp(), new ServerSettings(current.smtpHost(), current.smtpPort(),
				current.smtpSecurity(), current.smtpUsername(), null));
		ServerSettings imap = server("IMAP", changes.imap(), new ServerSettings(current.imapHost(), current.imapPort(),
				current.imapSecurity(), current.imapUsername(), null));
		int cap = changes.dailyCap() == null ? current.dailyCap() : changes.dailyCap();
		int minGap = changes.minGapSeconds() == null ? current.minGapSeconds() : changes.minGapSeconds();
		int maxGap = changes.maxGapSeconds() == null ? current.maxGapSeconds() : changes.maxGapSeconds();
		checkPacing(cap, minGap, maxGap);
		String replyTo = changes.replyTo() == null ? current.replyTo() : replyTo(changes.replyTo());
		String signature = changes.signatureHtml() == null ? current.signatureHtml() : changes.signatureHtml();
		boolean newSmtpPassword = smtp.password() != null && !smtp.password().isBlank();
		boolean newImapPassword = imap.password() != null && !imap.password().isBlank();
		byte[] smtpPassword = newSmtpPassword ? connections.encrypt(id, "smtp", smtp.password())
				: current.smtpPassword();
		byte[] imapPassword = current.imapPassword();
		if (newImapPassword) {
			imapPassword = connections.encrypt(id, "imap", imap.password());
		}
		else if (newSmtpPassword && connections.sharePassword(current)) {
			// One app password for both (add's default): a new one replaces both,
			// or IMAP would keep failing with the revoked one.
			imapPassword = connections.encrypt(id, "imap", smtp.password());
		}
		repository.update(tenant.workspaceId(),
				new MailboxRepository.Row(id, current.email(), displayName, smtp.host(), smtp.port(), smtp.security(),
						smtp.username(), smtpPassword, imap.host(), imap.port(), imap.security(), imap.username(),
						imapPassword, signature, replyTo, cap, minGap, maxGap,
						changes.smtpAuth() == null ? current.smtpAuth() : changes.smtpAuth()));
		return get(tenant, id);
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
				: (result.smtp().ok() ? "" : "SMTP " + result.smtp().stage() + ": " + result.smtp().message())
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
					"Not sent: SMTP " + result.stage() + ": " + result.message());
		}
	}

	@Transactional
	public void pause(Tenant tenant, UUID id, boolean paused) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		get(tenant, id);
		repository.setStatus(tenant.workspaceId(), id, paused ? MailboxStatus.PAUSED : MailboxStatus.ACTIVE);
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

	/** The sandbox's servers, any password: for trying PenguinMails end to end. */
	private NewMailbox sandboxed(NewMailbox request) {
		SandboxMailbox server = sandbox.getIfAvailable();
		if (server == null) {
			throw new InvalidInputProblem("invalid-preset", "The sandbox mail server is off on this installation.");
		}
		String email = request.email() == null ? "" : request.email().strip();
		return new NewMailbox(email, request.displayName(), "generic",
				new ServerSettings("127.0.0.1", server.smtpPort(), Security.NONE, email, "sandbox"),
				new ServerSettings("127.0.0.1", server.imapPort(), Security.NONE, email, "sandbox"),
				request.signatureHtml(), request.replyTo(), request.dailyCap(), request.minGapSeconds(),
				request.maxGapSeconds(), true);
	}

	private static Preset preset(String value) {
		if (value == null || value.isBlank() || value.equalsIgnoreCase("generic")) {
			return null;
		}
		try {
			return Preset.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-preset", "Presets: google, microsoft, generic or sandbox.");
		}
	}

	/** Names end up in the From header: one line, never a line break. */
	private static String displayName(String given) {
		String displayName = given == null ? "" : given.strip();
		if (displayName.length() > 200 || displayName.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-name",
					"The display name must be one line of at most 200 characters.");
		}
		return displayName;
	}

	private static void checkPacing(int cap, int minGap, int maxGap) {
		if (cap < 1 || cap > 10_000) {
			throw new InvalidInputProblem("invalid-cap", "The daily cap must be between 1 and 10,000.");
		}
		if (minGap < 0 || maxGap < minGap) {
			throw new InvalidInputProblem("invalid-gap",
					"The gap between sends needs 0 <= minimum <= maximum seconds.");
		}
	}

	private static String replyTo(String given) {
		String replyTo = given == null ? "" : given.strip();
		if (replyTo.isEmpty()) {
			return replyTo;
		}
		try {
			return EmailAddresses.normalize(replyTo);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-reply-to",
					"The reply-to must be one email address. " + ex.getMessage());
		}
	}

	/**
	 * The given server settings checked, with what is not given taken from
	 * {@code fallback} (a preset and the address when adding, the stored settings when
	 * updating); the password is passed through as given.
	 */
	private static ServerSettings server(String label, ServerSettings given, ServerSettings fallback) {
		String host = given == null || given.host() == null || given.host().isBlank() ? fallback.host()
				: given.host().strip();
		if (host == null || !HOST.matcher(host).matches()) {
			throw new InvalidInputProblem("invalid-host", "Give the " + label + " server's host name.");
		}
		int port = given == null || given.port() == 0 ? fallback.port() : given.port();
		if (port < 1 || port > 65535) {
			throw new InvalidInputProblem("invalid-port", "The " + label + " port must be between 1 and 65535.");
		}
		Security security = given == null || given.security() == null ? fallback.security() : given.security();
		String username = given == null || given.username() == null || given.username().isBlank() ? fallback.username()
				: given.username().strip();
		if (username.length() > 320 || username.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-username",
					"The " + label + " username must be one line of at most 320 characters.");
		}
		return new ServerSettings(host, port, security, username, given == null ? null : given.password());
	}

}
