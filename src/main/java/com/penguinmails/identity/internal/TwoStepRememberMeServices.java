package com.penguinmails.identity.internal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/**
 * Persistent remember-me tokens (stored in PostgreSQL, one series per device) that are
 * issued only once a login is complete: when the password step still owes a 2FA code, the
 * wish to be remembered waits in the session until the code is right.
 */
class TwoStepRememberMeServices extends PersistentTokenBasedRememberMeServices {

	private final UserRepository users;

	private final LoginFlow loginFlow;

	TwoStepRememberMeServices(String key, UserDetailsService byId, PersistentTokenRepository tokens,
			UserRepository users, LoginFlow loginFlow) {
		super(key, byId, tokens);
		this.users = users;
		this.loginFlow = loginFlow;
	}

	/** A login by cookie is recorded and labelled like any other. */
	@Override
	protected Authentication createSuccessfulAuthentication(HttpServletRequest request, UserDetails user) {
		UserAccount account = users.findById(UUID.fromString(user.getUsername())).orElseThrow();
		SessionUser principal = new SessionUser(account.id(), account.email());
		RememberMeAuthenticationToken auth = new RememberMeAuthenticationToken(getKey(), principal, Authorities.FULL);
		auth.setDetails(LoginDetails.of(request));
		loginFlow.finish(request, principal, "remember-me");
		return auth;
	}

	@Override
	public void loginSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication successfulAuthentication) {
		boolean pending = successfulAuthentication.getAuthorities()
			.stream()
			.anyMatch(a -> Authorities.MFA_PENDING.equals(a.getAuthority()));
		if (pending) {
			if (super.rememberMeRequested(request, getParameter())) {
				request.getSession().setAttribute(LoginFlow.REMEMBER_ME_REQUESTED, Boolean.TRUE);
			}
			return;
		}
		super.loginSuccess(request, response, successfulAuthentication);
	}

	@Override
	protected boolean rememberMeRequested(HttpServletRequest request, String parameter) {
		HttpSession session = request.getSession(false);
		if (session != null && Boolean.TRUE.equals(session.getAttribute(LoginFlow.REMEMBER_ME_REQUESTED))) {
			return true;
		}
		return super.rememberMeRequested(request, parameter);
	}

}
