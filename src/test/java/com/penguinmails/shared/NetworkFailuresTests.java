package com.penguinmails.shared;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkFailuresTests {

	@Test
	void aWrappedUnknownHostReadsAsANameThatDoesNotResolve() {
		// The AWS SDK and the JDK's HTTP client wrap the cause; its message is often
		// null.
		RuntimeException wrapped = new RuntimeException("Received an UnknownHostException", new UnknownHostException());
		assertThat(NetworkFailures.why("api.example.com", wrapped))
			.isEqualTo("the name api.example.com does not resolve (no DNS answer from this server)");
		assertThat(NetworkFailures.why(null, wrapped)).isEqualTo("the server's name does not resolve (no DNS answer)");
	}

	@Test
	void aRefusedConnectionAndAnUnknownFailureAreSaidWithoutNull() {
		assertThat(NetworkFailures.why("api.example.com", new ConnectException()))
			.isEqualTo("api.example.com refused the connection, or nothing answers there from this server");
		assertThat(NetworkFailures.why("api.example.com", new IOException()))
			.isEqualTo("a network error on the way to api.example.com (IOException)")
			.doesNotContain("null");
	}

}
