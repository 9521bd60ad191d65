package com.penguinmails.shared;

import org.springframework.http.HttpStatus;

/** The caller is known but their role or API key scopes do not allow this. */
public class AccessDeniedProblem extends Problem {

	public AccessDeniedProblem(String message) {
		super(HttpStatus.FORBIDDEN, "forbidden", message);
	}

}
