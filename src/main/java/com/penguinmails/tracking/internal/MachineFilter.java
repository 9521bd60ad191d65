package com.penguinmails.tracking.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.net.InetAddresses;

import org.springframework.stereotype.Component;

import com.penguinmails.tracking.ClickFetch;

/**
 * Tells opens and clicks made by machines from people's, and says why: mail providers'
 * image proxies (Google, Yahoo, Apple Mail Privacy Protection, Outlook), security
 * scanners that follow every link of a message, robots and scripts. The link scan (clicks
 * on several links within moments) needs the message's earlier clicks: the event store
 * tells it.
 */
@Component
public class MachineFilter {

	private record Rule(String why, Pattern pattern) {
	}

	/** An IPv4 or IPv6 network, as CIDR. */
	record Network(String cidr, byte[] address, int prefix) {

		static Network parse(String cidr) {
			int slash = cidr.indexOf('/');
			InetAddress address = InetAddresses.forString(slash < 0 ? cidr.strip() : cidr.substring(0, slash).strip());
			int bits = address.getAddress().length * 8;
			int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1).strip());
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("Invalid network " + cidr);
			}
			return new Network(cidr.strip(), address.getAddress(), prefix);
		}

		boolean contains(byte[] ip) {
			if (ip.length != address.length) {
				return false;
			}
			int whole = prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (ip[i] != address[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			int mask = (0xff << (8 - rest)) & 0xff;
			return rest == 0 || (ip[whole] & mask) == (address[whole] & mask);
		}

	}

	/** Reasons are stored in a column of this width. */
	private static final int MAX_REASON = 64;

	private final List<Rule> agents;

	private final List<Network> networks;

	private final Duration openTooSoon;

	MachineFilter(TrackingProperties properties) {
		// Scanners first: a scanner that says it is a proxy is still a scanner.
		this.agents = java.util.stream.Stream
			.concat(properties.scannerAgents().stream().map(p -> rule("security scanner", p)),
					properties.proxyAgents().stream().map(p -> rule("mail proxy", p)))
			.toList();
		this.networks = properties.proxyNetworks().stream().map(Network::parse).toList();
		this.openTooSoon = properties.openTooSoon();
	}

	private static Rule rule(String why, String pattern) {
		return new Rule(why, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
	}

	/** Why a request is a machine's, whatever it asks for; empty for a person's. */
	public Optional<String> machine(String userAgent, String ip, Device device) {
		if (userAgent == null || userAgent.isBlank()) {
			return Optional.of("no user agent");
		}
		for (Rule rule : agents) {
			if (rule.pattern().matcher(userAgent).find()) {
				return reason(rule.why() + ": " + rule.pattern().pattern());
			}
		}
		byte[] address = address(ip);
		if (address != null) {
			for (Network network : networks) {
				if (network.contains(address)) {
					return reason("proxy network: " + network.cidr());
				}
			}
		}
		if (device.robot()) {
			return reason("robot: " + device.client());
		}
		return Optional.empty();
	}

	/**
	 * Why a click is a machine's: the request's agent or network, or how it was made — a
	 * HEAD request (a link checker: RFC 9110 §9.3.2, no one reads a HEAD response) or a
	 * prefetch or preview (Fetch Metadata's {@code Sec-Purpose}, or {@code Purpose} /
	 * {@code X-Moz}): a browser fetching ahead of a person, who may never follow the
	 * link. A real browser's navigation, headless Chromium's included, is a person's;
	 * scanners that click with one are told by the link scan (every link within moments).
	 */
	public Optional<String> click(String userAgent, String ip, Device device, ClickFetch fetch) {
		if ("HEAD".equalsIgnoreCase(fetch.method())) {
			return reason("HEAD request");
		}
		String purpose = fetch.purpose() == null ? "" : fetch.purpose().toLowerCase(java.util.Locale.ROOT);
		if (purpose.contains("prefetch") || purpose.contains("prerender") || purpose.contains("preview")) {
			return reason("prefetch: " + purpose);
		}
		return machine(userAgent, ip, device);
	}

	/**
	 * Why an open is a machine's: the request's, or it came too soon after the message
	 * was sent (a provider fetching images on delivery; no person opens that fast).
	 */
	public Optional<String> open(String userAgent, String ip, Device device, Instant sentAt, Instant at) {
		return machine(userAgent, ip, device).or(() -> sentAt != null && at.isBefore(sentAt.plus(openTooSoon))
				? Optional.of("opened within " + openTooSoon.toSeconds() + " s of sending") : Optional.empty());
	}

	private static Optional<String> reason(String reason) {
		return Optional.of(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
	}

	/** The address of a literal IP (never a host name: no DNS on this path), or null. */
	private static byte[] address(String ip) {
		if (ip == null || ip.isBlank()) {
			return null;
		}
		String literal = ip.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		try {
			return InetAddresses.forString(literal).getAddress();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
