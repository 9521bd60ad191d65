package com.penguinmails.shared;

import org.springframework.http.HttpStatus;

/** The request is understood but its content is not acceptable; the message says why. */
public class InvalidInputProblem extends Problem {

	public InvalidInputProblem(String type, String message) {
		super(HttpStatus.BAD_REQUEST, type, message);
	}

	public InvalidInputProblem(HttpStatus status, String type, String message) {
		super(status, type, message);
	}

}
