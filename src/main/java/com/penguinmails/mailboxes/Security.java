package com.penguinmails.mailboxes;

/**
 * How a connection is protected: STARTTLS upgrade, implicit TLS from the first byte, or
 * none.
 */
public enum Security {

	STARTTLS, TLS, NONE

}
