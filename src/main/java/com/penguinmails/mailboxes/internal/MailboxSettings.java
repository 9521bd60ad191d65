package com.penguinmails.mailboxes.internal;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxChanges;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Pacing;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * Turns what a user gives (a new mailbox, or changes to one) into the row to store: each
 * field checked, what is not given filled from a provider preset or the stored settings,
 * passwords encrypted. Every refusal is an {@link InvalidInputProblem} (400) naming the
 * field, in the order the form shows the fields.
 */
@Component
public class MailboxSettings {

	private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.-]{1,253}$");

	/** Connection presets of the common providers. */
	enum Preset {

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

	private final MailboxConnections connections;

	private final ObjectProvider<SandboxMailbox> sandbox;

	MailboxSettings(MailboxConnections connections, ObjectProvider<SandboxMailbox> sandbox) {
		this.connections = connections;
		this.sandbox = sandbox;
	}

	/**
	 * The row of a new mailbox {@code id} at {@code email} (already checked with
	 * {@link #email}) named {@code displayName} (checked with {@link #displayName}).
	 * Defaults: port 587 STARTTLS for SMTP and 993 TLS for IMAP (or the preset's), the
	 * address as username, the SMTP password for IMAP too, and the preset's
	 * {@link Pacing} for what is not given.
	 */
	public MailboxRepository.Row forNew(UUID id, String email, String displayName, NewMailbox request) {
		if ("sandbox".equalsIgnoreCase(request.preset())) {
			request = sandboxed(request);
		}
		Preset preset = preset(request.preset());
		// A provider's API sends: the SMTP fields only keep where to go back to.
		boolean provider = request.throughProvider();
		ServerSettings smtp = server("SMTP", request.smtp(), provider
				? new ServerSettings(TransportKind.of(request.transport().kind()).value() + ".provider.invalid", 443,
						Security.TLS, email, null)
				: preset == null ? new ServerSettings(null, 587, Security.STARTTLS, email, null)
						: new ServerSettings(preset.smtpHost, preset.smtpPort, preset.smtpSecurity, email, null));
		boolean smtpAuth = provider ? request.smtpAuth() != null && request.smtpAuth() && smtp.password() != null
				&& !smtp.password().isEmpty() : request.smtpAuth() == null || request.smtpAuth();
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
		Pacing pacing = Pacing.STANDARD;
		int cap = request.dailyCap() == null ? pacing.dailyCap() : request.dailyCap();
		int minGap = request.minGapSeconds() == null ? pacing.minGapSeconds() : request.minGapSeconds();
		int maxGap = request.maxGapSeconds() == null ? Math.max(pacing.maxGapSeconds(), minGap)
				: request.maxGapSeconds();
		checkPacing(cap, minGap, maxGap);
		String replyTo = replyTo(request.replyTo());
		return new MailboxRepository.Row(id, email, displayName, smtp.host(), smtp.port(), smtp.security(),
				smtp.username(), connections.encrypt(id, "smtp", smtp.password() == null ? "" : smtp.password()),
				imap.host(), imap.port(), imap.security(), imap.username(),
				connections.encrypt(id, "imap", imap.password()),
				request.signatureHtml() == null ? "" : request.signatureHtml(), replyTo, cap, minGap, maxGap, smtpAuth);
	}

	/**
	 * The stored row {@code current} with {@code changes} merged in (see
	 * {@link MailboxChanges}). A new SMTP password replaces the IMAP one too when both
	 * were the same.
	 */
	public MailboxRepository.Row forUpdate(MailboxRepository.Row current, MailboxChanges changes) {
		if (changes.email() != null && !changes.email().strip().equalsIgnoreCase(current.email())) {
			throw new InvalidInputProblem("email-not-editable", "A mailbox's address cannot change: its sends, "
					+ "replies and domain link are tied to it. Connect the other address as a new mailbox.");
		}
		UUID id = current.id();
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
		return new MailboxRepository.Row(id, current.email(), displayName, smtp.host(), smtp.port(), smtp.security(),
				smtp.username(), smtpPassword, imap.host(), imap.port(), imap.security(), imap.username(), imapPassword,
				signature, replyTo, cap, minGap, maxGap,
				changes.smtpAuth() == null ? current.smtpAuth() : changes.smtpAuth());
	}

	/** The mailbox's address, normalised (RFC 5321 mailbox syntax), or a 400. */
	public static String email(String given) {
		try {
			return EmailAddresses.normalize(given);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email",
					"Enter the mailbox's email address, like jo@example.com. " + ex.getMessage());
		}
	}

	/** Names end up in the From header: one line, never a line break. */
	public static String displayName(String given) {
		String displayName = given == null ? "" : given.strip();
		if (displayName.length() > 200 || displayName.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-name",
					"The display name must be one line of at most 200 characters.");
		}
		return displayName;
	}

	/**
	 * The sandbox's servers, any password: for trying PenguinMails end to end. Its pacing
	 * is {@link Pacing#SANDBOX} unless given, so a trial campaign visibly moves.
	 */
	private NewMailbox sandboxed(NewMailbox request) {
		SandboxMailbox server = sandbox.getIfAvailable();
		if (server == null) {
			throw new InvalidInputProblem("invalid-preset", "The sandbox mail server is off on this installation.");
		}
		String email = request.email() == null ? "" : request.email().strip();
		return new NewMailbox(email, request.displayName(), "generic",
				new ServerSettings("127.0.0.1", server.smtpPort(), Security.NONE, email, "sandbox"),
				new ServerSettings("127.0.0.1", server.imapPort(), Security.NONE, email, "sandbox"),
				request.signatureHtml(), request.replyTo(),
				request.dailyCap() == null ? Pacing.SANDBOX.dailyCap() : request.dailyCap(),
				request.minGapSeconds() == null ? Pacing.SANDBOX.minGapSeconds() : request.minGapSeconds(),
				request.maxGapSeconds() == null ? Pacing.SANDBOX.maxGapSeconds() : request.maxGapSeconds(), true,
				request.transport());
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
