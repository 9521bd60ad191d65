package com.penguinmails.identity.internal;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.penguinmails.shared.EmailAddresses;

/**
 * Email and password login. A wrong password, an unknown email and a locked account fail
 * with the same message, so the response does not reveal whether an account exists. A
 * user with 2FA gets a pending authentication that only opens the code page.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

	static final String GENERIC_FAILURE = "Wrong email or password, or too many attempts. Try again later.";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final LoginProtection protection;

	private final String dummyHash;

	PasswordAuthenticationProvider(UserRepository users, PasswordEncoder passwordEncoder, LoginProtection protection) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.protection = protection;
		this.dummyHash = passwordEncoder.encode("not-a-real-password-0123456789");
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String given = String.valueOf(authentication.getPrincipal()).strip();
		// Accounts are stored in normal form (IDN domain as an A-label).
		String email = EmailAddresses.isValid(given) ? EmailAddresses.normalize(given) : given;
		String password = String.valueOf(authentication.getCredentials());
		LoginDetails details = authentication.getDetails() instanceof LoginDetails d ? d : new LoginDetails("", "");
		Optional<UserAccount> found = users.findByEmail(email);
		if (found.isEmpty()) {
			// Spend the same time as a real check, so timing does not reveal the account
			// either.
			passwordEncoder.matches(password, dummyHash);
			protection.failed(null, email, details, "unknown-account");
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		UserAccount user = protection.liftExpiredLock(found.get());
		if (user.lockedAt(protection.now())) {
			passwordEncoder.matches(password, dummyHash);
			protection.failed(user, email, details, "locked");
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (!passwordEncoder.matches(password, user.passwordHash())) {
			protection.failed(user, email, details, "bad-password");
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (!user.verified()) {
			protection.failed(user, email, details, "unverified");
			throw new DisabledException(
					"Please confirm your email address first: we sent you a link. You can ask for a new one below.");
		}
		SessionUser principal = new SessionUser(user.id(), user.email());
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				user.totpEnabled() ? Authorities.PENDING : Authorities.FULL);
		result.setDetails(details);
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
