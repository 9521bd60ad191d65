package com.penguinmails.sandbox.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who counts as "on this machine" for the sandbox page without a login: a loopback
 * address that no reverse proxy relayed.
 */
class SandboxLocalClientTests {

	private static boolean local(String remoteAddress, String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remoteAddress);
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return SandboxMailController.fromThisMachine(request);
	}

	@Test
	void loopbackAddressesWithoutForwardingHeadersAreLocal() {
		assertThat(local("127.0.0.1")).isTrue();
		assertThat(local("127.0.1.1")).isTrue();
		assertThat(local("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(local("::1")).isTrue();
	}

	@Test
	void everythingElseIsNot() {
		assertThat(local("198.51.100.7")).isFalse();
		assertThat(local("10.0.0.1")).isFalse();
		assertThat(local("127.0.0.1", "X-Forwarded-For", "203.0.113.9")).isFalse();
		assertThat(local("127.0.0.1", "Forwarded", "for=203.0.113.9")).isFalse();
		assertThat(local("::1", "X-Real-IP", "203.0.113.9")).isFalse();
		assertThat(local("127.0.0.1", "X-Forwarded-Host", "mail.example.com")).isFalse();
		// Never a name (no DNS lookup), never garbage.
		assertThat(local("localhost")).isFalse();
		assertThat(local("evil.example:80")).isFalse();
		assertThat(local("")).isFalse();
	}

}
