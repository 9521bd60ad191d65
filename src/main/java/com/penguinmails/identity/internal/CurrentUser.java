package com.penguinmails.identity.internal;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.penguinmails.shared.AccessDeniedProblem;

/** The signed-in browser user, whether they came by password (+2FA) or by remember-me. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Optional<SessionUser> find() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) {
			return Optional.empty();
		}
		return auth.getPrincipal() instanceof SessionUser user ? Optional.of(user) : Optional.empty();
	}

	public static SessionUser get() {
		return find().orElseThrow(() -> new AccessDeniedProblem("Please log in."));
	}

	public static boolean fullySignedIn() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return find().isPresent()
				&& auth.getAuthorities().stream().anyMatch(a -> Authorities.USER.equals(a.getAuthority()));
	}

}
