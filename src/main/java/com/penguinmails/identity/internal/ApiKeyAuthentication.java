package com.penguinmails.identity.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.penguinmails.shared.Tenant;

/** A request authenticated by an API key. */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final transient Tenant tenant;

	ApiKeyAuthentication(Tenant tenant) {
		super(List.of(new SimpleGrantedAuthority("ROLE_API")));
		this.tenant = tenant;
		setAuthenticated(true);
	}

	public Tenant tenant() {
		return tenant;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return tenant.apiKeyId();
	}

}
