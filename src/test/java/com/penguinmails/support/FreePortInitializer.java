package com.penguinmails.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the HTTP port before the context starts, so the links in account emails
 * ({@code penguinmails.base-url}) point at the server the test actually runs; and points
 * DNS look-ups at the loopback {@link TestDnsServer}, and the third-party HTTP APIs at
 * {@link ProviderApis}, and the ACME client at {@link Pebble} (with an HTTPS connector on
 * a free port).
 */
public class FreePortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		String propagation = "Primary=" + TestDnsServer.shared().address() + ",Secondary="
				+ TestDnsServer.secondary().address();
		Map<String, Object> properties = new java.util.HashMap<>(Map.of("server.port", port, "penguinmails.base-url",
				"http://localhost:" + port, "penguinmails.domains.resolvers", TestDnsServer.shared().address(),
				"penguinmails.domains.propagation-resolvers", propagation));
		properties.putAll(ProviderApis.properties());
		properties.putAll(Pebble.properties());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-port", properties));
	}

}
