package com.penguinmails.certificates.internal;

/**
 * A request for a certificate failed; the message says why for people (an installation
 * admin, a workspace owner), e.g. "track.example.com does not point at this server".
 */
public class AcmeFailure extends Exception {

	private static final long serialVersionUID = 1L;

	public AcmeFailure(String message) {
		super(message);
	}

	public AcmeFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
