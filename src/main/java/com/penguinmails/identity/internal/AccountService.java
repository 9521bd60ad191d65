package com.penguinmails.identity.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.identity.internal.EmailTokenRepository.Consumed;
import com.penguinmails.identity.internal.EmailTokenRepository.Purpose;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A user's own account: sign-up, email verification, password reset and change, profile,
 * email address change.
 */
@Service
public class AccountService {

	// A pragmatic address check (the mail server has the last word): one @, no spaces, a
	// dot in the domain.

	private final UserRepository users;

	private final WorkspaceRepository workspaces;

	private final EmailTokenRepository tokens;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final AccountMailer mailer;

	private final SessionService sessions;

	private final SecurityEvents events;

	private final IdentityProperties properties;

	private final Clock clock;

	AccountService(UserRepository users, WorkspaceRepository workspaces, EmailTokenRepository tokens,
			PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, AccountMailer mailer,
			SessionService sessions, SecurityEvents events, IdentityProperties properties, Clock clock) {
		this.users = users;
		this.workspaces = workspaces;
		this.tokens = tokens;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.mailer = mailer;
		this.sessions = sessions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	public record SignUp(String email, String password, String displayName, String workspaceName, String timeZone) {
	}

	/**
	 * Creates the user and their first workspace (as owner) and sends the verification
	 * link. An address that already has an account gets, instead, an email saying that
	 * someone tried to sign up with it; the caller sees the same outcome either way, so
	 * sign-up does not tell whether an address is registered (OWASP ASVS V2.2 / account
	 * enumeration). The password is hashed in both cases so the time taken tells nothing
	 * either.
	 * @return the id of the account of that address (new, or the existing one)
	 */
	@Transactional
	public UUID signUp(SignUp signUp) {
		String email = normalizeEmail(signUp.email());
		passwordPolicy.check(signUp.password(), email, nullToEmpty(signUp.displayName()));
		String passwordHash = passwordEncoder.encode(signUp.password());
		Optional<UserAccount> existing = users.findByEmail(email);
		if (existing.isPresent()) {
			mailer.sendSignUpAttempt(existing.get().email());
			return existing.get().id();
		}
		UUID userId = UUID.randomUUID();
		String name = nullToEmpty(signUp.displayName()).strip();
		users.insert(userId, email, passwordHash, limit(name, 200), zone(signUp.timeZone()));
		UUID workspaceId = UUID.randomUUID();
		String workspaceName = nullToEmpty(signUp.workspaceName()).isBlank()
				? (name.isBlank() ? email.substring(0, email.indexOf('@')) : name) + "'s workspace"
				: signUp.workspaceName().strip();
		workspaces.insert(workspaceId, limit(workspaceName, 200));
		workspaces.addMember(workspaceId, userId, WorkspaceRole.OWNER);
		sendVerification(userId, email);
		return userId;
	}

	/**
	 * Creates a user who arrives through an invitation: their email is verified by the
	 * invitation itself.
	 */
	@Transactional
	UUID signUpInvited(String email, String password, String displayName) {
		String normalized = normalizeEmail(email);
		if (users.emailTaken(normalized)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "email-taken",
					"An account with this email address already exists: log in to accept the invitation.");
		}
		passwordPolicy.check(password, normalized, nullToEmpty(displayName));
		UUID userId = UUID.randomUUID();
		users.insert(userId, normalized, passwordEncoder.encode(password), limit(nullToEmpty(displayName).strip(), 200),
				"UTC");
		users.markVerified(userId, clock.instant());
		return userId;
	}

	@Transactional
	public void resendVerification(String email) {
		users.findByEmail(normalizeEmail(email))
			.filter(user -> !user.verified())
			.ifPresent(user -> sendVerification(user.id(), user.email()));
	}

	private void sendVerification(UUID userId, String email) {
		Instant now = clock.instant();
		tokens.revokeOutstanding(userId, Purpose.VERIFY_EMAIL, now);
		mailer.sendVerification(email,
				tokens.issue(userId, Purpose.VERIFY_EMAIL, email, now, properties.verificationTokenTtl()));
	}

	@Transactional(noRollbackFor = InvalidInputProblem.class)
	public UUID verifyEmail(String token) {
		Consumed consumed = tokens.consume(token, Purpose.VERIFY_EMAIL, clock.instant());
		users.markVerified(consumed.userId(), clock.instant());
		return consumed.userId();
	}

	/** Sends a reset link when the account exists; says nothing either way. */
	@Transactional
	public void requestPasswordReset(String email, String ip) {
		users.findByEmail(normalizeEmail(email)).ifPresent(user -> {
			Instant now = clock.instant();
			tokens.revokeOutstanding(user.id(), Purpose.RESET_PASSWORD, now);
			mailer.sendPasswordReset(user.email(),
					tokens.issue(user.id(), Purpose.RESET_PASSWORD, null, now, properties.resetTokenTtl()));
			events.account("password.reset_requested", user.id(), user.email(), "", ip);
		});
	}

	/**
	 * Sets the new password, then signs the user out everywhere (sessions and
	 * remember-me).
	 */
	@Transactional(noRollbackFor = InvalidInputProblem.class)
	public void resetPassword(String token, String newPassword, String ip) {
		Instant now = clock.instant();
		// Check strength before consuming the token, so a weak password does not burn the
		// link.
		UUID userId = tokens.peekUser(token, Purpose.RESET_PASSWORD, now);
		UserAccount user = users.findById(userId).orElseThrow();
		passwordPolicy.check(newPassword, user.email(), user.displayName());
		tokens.consume(token, Purpose.RESET_PASSWORD, now);
		users.updatePassword(userId, passwordEncoder.encode(newPassword));
		if (!user.verified()) {
			// The reset link reached the inbox: that proves the address.
			users.markVerified(userId, now);
		}
		sessions.revokeAll(userId);
		events.account("password.reset", userId, user.email(), "", ip);
	}

	@Transactional
	public void changePassword(UUID userId, String currentPassword, String newPassword, String currentSessionId,
			String ip) {
		UserAccount user = users.findById(userId).orElseThrow();
		if (!passwordEncoder.matches(nullToEmpty(currentPassword), user.passwordHash())) {
			throw new InvalidInputProblem("wrong-password", "The current password is not correct.");
		}
		passwordPolicy.check(newPassword, user.email(), user.displayName());
		users.updatePassword(userId, passwordEncoder.encode(newPassword));
		sessions.revokeAllExcept(userId, currentSessionId);
		events.account("password.changed", userId, user.email(), "", ip);
	}

	@Transactional
	public void updateProfile(UUID userId, String displayName, String timeZone) {
		users.updateProfile(userId, limit(nullToEmpty(displayName).strip(), 200), zone(timeZone));
	}

	/**
	 * Sends a confirmation link to the new address; the change happens when it is
	 * clicked.
	 */
	@Transactional
	public void requestEmailChange(UUID userId, String newEmail, String password) {
		UserAccount user = users.findById(userId).orElseThrow();
		if (!passwordEncoder.matches(nullToEmpty(password), user.passwordHash())) {
			throw new InvalidInputProblem("wrong-password", "The password is not correct.");
		}
		String email = normalizeEmail(newEmail);
		if (users.emailTaken(email)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "email-taken",
					"Another account already uses this email address.");
		}
		Instant now = clock.instant();
		tokens.revokeOutstanding(userId, Purpose.CHANGE_EMAIL, now);
		mailer.sendEmailChange(email,
				tokens.issue(userId, Purpose.CHANGE_EMAIL, email, now, properties.emailChangeTokenTtl()));
	}

	@Transactional(noRollbackFor = InvalidInputProblem.class)
	public String confirmEmailChange(String token, String ip) {
		Consumed consumed = tokens.consume(token, Purpose.CHANGE_EMAIL, clock.instant());
		if (users.emailTaken(consumed.payload())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "email-taken",
					"Another account already uses this email address.");
		}
		UserAccount user = users.findById(consumed.userId()).orElseThrow();
		users.updateEmail(consumed.userId(), consumed.payload(), clock.instant());
		events.account("email.changed", user.id(), user.email(), consumed.payload(), ip);
		return consumed.payload();
	}

	public static String normalizeEmail(String email) {
		try {
			return EmailAddresses.normalize(email);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email", "Enter a valid email address. " + ex.getMessage());
		}
	}

	static String zone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return "UTC";
		}
		try {
			return ZoneId.of(timeZone.strip()).getId();
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-time-zone", "Unknown time zone: " + timeZone);
		}
	}

	static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

	static String limit(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

}
