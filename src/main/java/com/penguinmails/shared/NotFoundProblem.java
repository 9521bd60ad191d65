package com.penguinmails.shared;

import org.springframework.http.HttpStatus;

/**
 * The resource does not exist in the caller's workspace (whether or not it exists
 * elsewhere).
 */
public class NotFoundProblem extends Problem {

	public NotFoundProblem(String what) {
		super(HttpStatus.NOT_FOUND, "not-found", what + " not found.");
	}

}
