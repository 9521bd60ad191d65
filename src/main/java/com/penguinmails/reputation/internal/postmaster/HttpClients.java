package com.penguinmails.reputation.internal.postmaster;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The JDK HTTP client every provider request goes through, with the configured timeouts.
 */
final class HttpClients {

	private HttpClients() {
	}

	static JdkClientHttpRequestFactory requestFactory(Duration timeout) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(timeout);
		return factory;
	}

}
