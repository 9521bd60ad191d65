package com.penguinmails.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import com.penguinmails.identity.internal.WorkspaceRepository.Membership;

/**
 * The steps after the password: the TOTP code when the user has 2FA, then the finishing
 * touches of every login (attempt recorded, session labelled with IP and device, 2FA
 * enrolment owed to a workspace that requires it).
 */
@Component
public class LoginFlow implements AuthenticationSuccessHandler {

	/**
	 * Set when a workspace of the user requires 2FA and the user has none: pages lead to
	 * enrolment.
	 */
	public static final String MUST_ENROL_2FA = "pm.mustEnrol2fa";

	static final String REMEMBER_ME_REQUESTED = "pm.rememberMe";

	private final UserRepository users;

	private final WorkspaceRepository workspaces;

	private final LoginProtection protection;

	private final TwoFactorService twoFactor;

	private final Clock clock;

	private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();

	private TwoStepRememberMeServices rememberMe;

	LoginFlow(UserRepository users, WorkspaceRepository workspaces, LoginProtection protection,
			TwoFactorService twoFactor, Clock clock) {
		this.users = users;
		this.workspaces = workspaces;
		this.protection = protection;
		this.twoFactor = twoFactor;
		this.clock = clock;
		this.redirect.setDefaultTargetUrl("/");
	}

	void setRememberMe(TwoStepRememberMeServices rememberMe) {
		this.rememberMe = rememberMe;
	}

	/** After the password: on to the code page, or signed in. */
	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication.getAuthorities().stream().anyMatch(a -> Authorities.MFA_PENDING.equals(a.getAuthority()))) {
			response.sendRedirect(request.getContextPath() + "/login/2fa");
			return;
		}
		SessionUser user = (SessionUser) authentication.getPrincipal();
		finish(request, user, "password");
		redirect.onAuthenticationSuccess(request, response, authentication);
	}

	public enum CodeResult {

		SIGNED_IN, WRONG_CODE, LOCKED

	}

	/**
	 * Checks the second factor of a pending login; a wrong code counts toward the
	 * lockout.
	 */
	public CodeResult verifyCode(HttpServletRequest request, HttpServletResponse response, String code) {
		SessionUser pending = CurrentUser.get();
		UserAccount user = users.findById(pending.id()).orElseThrow();
		LoginDetails details = LoginDetails.of(request);
		if (user.lockedAt(clock.instant())) {
			signOut(request);
			return CodeResult.LOCKED;
		}
		if (!twoFactor.verify(user.id(), code)) {
			protection.failed(user, user.email(), details, "bad-2fa-code");
			if (users.findById(user.id()).orElseThrow().lockedAt(clock.instant())) {
				signOut(request);
				return CodeResult.LOCKED;
			}
			return CodeResult.WRONG_CODE;
		}
		Authentication full = UsernamePasswordAuthenticationToken.authenticated(pending, null, Authorities.FULL);
		// A new session id once fully signed in (session fixation).
		request.changeSessionId();
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(full);
		holder.setContext(context);
		contextRepository.saveContext(context, request, response);
		if (rememberMe != null) {
			rememberMe.loginSuccess(request, response, full);
		}
		finish(request, pending, "password+2fa");
		return CodeResult.SIGNED_IN;
	}

	/** Labels the session and records the login. Also called for remember-me logins. */
	void finish(HttpServletRequest request, SessionUser sessionUser, String how) {
		UserAccount user = users.findById(sessionUser.id()).orElseThrow();
		LoginDetails details = LoginDetails.of(request);
		protection.succeeded(user, details, how);
		HttpSession session = request.getSession();
		session.removeAttribute(REMEMBER_ME_REQUESTED);
		session.setAttribute(SessionService.IP, details.ip());
		session.setAttribute(SessionService.USER_AGENT, details.userAgent());
		session.setAttribute(SessionService.SIGNED_IN_AT, clock.instant());
		List<Membership> memberships = workspaces.membershipsOf(user.id());
		boolean enrolmentOwed = !user.totpEnabled() && memberships.stream().anyMatch(Membership::require2fa);
		if (enrolmentOwed) {
			session.setAttribute(MUST_ENROL_2FA, Boolean.TRUE);
		}
		else {
			session.removeAttribute(MUST_ENROL_2FA);
		}
	}

	private void signOut(HttpServletRequest request) {
		holder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
