package com.penguinmails.certificates.internal;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Turns what the CA said into what to do, for people. The problem types are RFC 8555
 * §6.7's ({@code urn:ietf:params:acme:error:*}).
 */
final class AcmeProblems {

	private static final String PREFIX = "urn:ietf:params:acme:error:";

	private AcmeProblems() {
	}

	static String describe(String host, AcmeException ex) {
		if (ex instanceof AcmeRateLimitedException limited) {
			return "The CA's rate limit was reached; PenguinMails tries again later"
					+ limited.getRetryAfter().map(at -> " (not before " + at + ")").orElse("") + ".";
		}
		if (ex instanceof AcmeNetworkException) {
			return "The ACME directory could not be reached from this server: " + ex.getMessage();
		}
		if (ex instanceof AcmeServerException server) {
			return describe(host, server.getProblem());
		}
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
	}

	static String describe(String host, Problem problem) {
		if (problem == null) {
			return "The CA gave no reason.";
		}
		String type = problem.getType().toString();
		String detail = problem.getDetail().orElse("");
		String what = switch (type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type) {
			case "dns" -> host + " does not point at this server (the CA's DNS lookup failed): check its CNAME.";
			case "connection" -> "Port 80 of " + host + " is not reachable from the internet: the CA must fetch http://"
					+ host + "/.well-known/acme-challenge/ from this app.";
			case "unauthorized", "incorrectResponse" ->
				"http://" + host + "/.well-known/acme-challenge/ did not answer with PenguinMails' challenge: does "
						+ host + " point at this server, and does a proxy in front pass that path on?";
			case "caa" -> "A CAA record of " + host + " forbids this CA to issue for it.";
			case "rejectedIdentifier" -> "The CA will not issue for " + host + ".";
			case "rateLimited" -> "The CA's rate limit was reached; PenguinMails tries again later.";
			default -> "The CA refused";
		};
		return detail.isEmpty() ? what : what + " (" + detail + ")";
	}

}
