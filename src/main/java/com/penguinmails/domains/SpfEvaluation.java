package com.penguinmails.domains;

import java.util.List;

/**
 * Whether a sending host may send for a domain, by SPF (RFC 7208 check_host, includes
 * followed).
 *
 * @param host the host asked about, as given
 * @param results one per address of the host
 */
public record SpfEvaluation(String host, List<Result> results) {

	/**
	 * @param result pass, fail, softfail, neutral, none, permerror or temperror (RFC 7208
	 * §2.6)
	 */
	public record Result(String ip, String result, String explanation) {
	}

	public boolean authorised() {
		return !results.isEmpty() && results.stream().allMatch(r -> "pass".equals(r.result()));
	}

}
