package com.penguinmails.mailboxes.internal;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.penguinmails.mailboxes.ConnectionTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon SES when it cannot be reached: the check says so in words naming the host it
 * tried (a real SES client calling a closed port).
 */
class SesTransportTests {

	@Test
	void anUnreachableSesIsSaidInWordsNamingTheHostTried() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		try (SesTransport ses = new SesTransport("eu-west-1", "AKIAEXAMPLE", "secret",
				URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(2))) {
			ConnectionTest.Step step = ses.check();

			assertThat(step.ok()).isFalse();
			assertThat(step.message()).startsWith("Amazon SES could not be reached: 127.0.0.1");
		}
	}

}
