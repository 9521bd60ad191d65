package com.penguinmails.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

/**
 * The principal of a signed-in user, kept in the (JDBC-stored) session. Its name is the
 * user id, so sessions and remember-me tokens survive an email change.
 */
public record SessionUser(UUID id, String email) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return id.toString();
	}

}
