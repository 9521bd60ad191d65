package com.penguinmails.domains;

/**
 * One blocklist answer for a domain or one of its sending IPs.
 *
 * @param target the domain or IP address looked up
 * @param zone the blocklist's DNS zone
 * @param name the blocklist's name
 * @param status listed, clean, or unknown (no answer, or the list refused the query: many
 * refuse public resolvers and answer 127.255.255.x)
 * @param code the A record returned, when any
 * @param meaning what the list says the code means
 * @param delistUrl where to ask for removal
 */
public record BlocklistResult(String target, String zone, String name, String status, String code, String meaning,
		String delistUrl) {

	public boolean listed() {
		return "listed".equals(status);
	}

}
