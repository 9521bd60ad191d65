package com.penguinmails.identity.internal;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The two stages of a browser login: password checked (2FA still owed), or fully signed
 * in.
 */
public final class Authorities {

	public static final String USER = "ROLE_USER";

	public static final String MFA_PENDING = "MFA_PENDING";

	static final List<GrantedAuthority> FULL = List.of(new SimpleGrantedAuthority(USER));

	static final List<GrantedAuthority> PENDING = List.of(new SimpleGrantedAuthority(MFA_PENDING));

	private Authorities() {
	}

}
