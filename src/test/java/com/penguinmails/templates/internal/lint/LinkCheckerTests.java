package com.penguinmails.templates.internal.lint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.templates.LinkCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Link checks against a real HTTP server on loopback (allowed through NetworkPolicy as
 * the sandbox's servers are): 200, 404, HEAD refused then GET 200, redirects, and one
 * that never answers.
 */
class LinkCheckerTests {

	private HttpServer server;

	private ExecutorService threads;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<String> requests = new ArrayList<>();

	private LinkChecker checker;

	private String base;

	@BeforeEach
	void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		threads = Executors.newCachedThreadPool();
		server.setExecutor(threads);
		server.createContext("/ok", exchange -> answer(exchange, 200, null));
		server.createContext("/gone", exchange -> answer(exchange, 404, null));
		server.createContext("/no-head",
				exchange -> answer(exchange, exchange.getRequestMethod().equals("HEAD") ? 405 : 200, null));
		server.createContext("/moved", exchange -> answer(exchange, 301, "/ok"));
		server.createContext("/loop", exchange -> answer(exchange, 302, "/loop"));
		server.createContext("/private", exchange -> answer(exchange, 302, "http://127.0.0.2:9/"));
		server.createContext("/hang", exchange -> {
			record(exchange);
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		server.start();
		NetworkPolicy policy = new NetworkPolicy(new NetworkPolicy.Settings(List.of()));
		policy.allow("127.0.0.1", server.getAddress().getPort());
		checker = new LinkChecker(policy, Duration.ofSeconds(1));
		base = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterEach
	void stopServer() {
		release.countDown();
		server.stop(0);
		threads.shutdownNow();
	}

	@Test
	void aWorkingLinkIsNotBroken() {
		assertThat(checker.check(base + "/ok")).isEqualTo(new LinkCheck(base + "/ok", 200, null, false));
		assertThat(requests).containsExactly("HEAD /ok");
	}

	@Test
	void aMissingPageIsBroken() {
		assertThat(checker.check(base + "/gone")).isEqualTo(new LinkCheck(base + "/gone", 404, null, true));
	}

	@Test
	void refusedHeadFallsBackToGet() {
		assertThat(checker.check(base + "/no-head")).isEqualTo(new LinkCheck(base + "/no-head", 200, null, false));
		assertThat(requests).containsExactly("HEAD /no-head", "GET /no-head");
	}

	@Test
	void followsRedirectsUpToFive() {
		assertThat(checker.check(base + "/moved").status()).isEqualTo(200);
		assertThat(checker.check(base + "/loop"))
			.isEqualTo(new LinkCheck(base + "/loop", 302, "more than 5 redirects", true));
		assertThat(requests.stream().filter(r -> r.equals("HEAD /loop"))).hasSize(6);
	}

	@Test
	void aServerThatNeverAnswersIsBrokenAfterTheTimeout() {
		assertThat(checker.check(base + "/hang"))
			.isEqualTo(new LinkCheck(base + "/hang", null, "no answer in 1 s", true));
	}

	@Test
	void aClosedPortIsBroken() throws IOException {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		NetworkPolicy policy = new NetworkPolicy(new NetworkPolicy.Settings(List.of()));
		policy.allow("127.0.0.1", closed);
		String url = "http://127.0.0.1:" + closed + "/";
		assertThat(new LinkChecker(policy, Duration.ofSeconds(1)).check(url))
			.isEqualTo(new LinkCheck(url, null, "could not connect: connection refused", true));
	}

	@Test
	void privateAddressesAreNeverFetched() {
		// Loopback on a port nobody allowed, by name and by address, and a redirect into
		// it.
		assertThat(checker.check("http://localhost:9/admin"))
			.isEqualTo(new LinkCheck("http://localhost:9/admin", null, "not checked: private address", false));
		assertThat(checker.check("http://10.0.0.1/").error()).isEqualTo("not checked: private address");
		assertThat(checker.check(base + "/private"))
			.isEqualTo(new LinkCheck(base + "/private", 302, "not checked: private address", false));
	}

	@Test
	void checksAtMost20LinksAndSaysSoForTheRest() {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < 22; i++) {
			urls.add(base + "/ok?" + i);
		}
		List<LinkCheck> checks = checker.check(urls);
		assertThat(checks).hasSize(22);
		assertThat(checks.subList(0, 20)).allMatch(c -> c.status() == 200);
		assertThat(checks.get(21).error()).isEqualTo("not checked: only the first 20 links are");
		assertThat(requests).hasSize(20);
	}

	private synchronized void record(HttpExchange exchange) {
		requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
	}

	private void answer(HttpExchange exchange, int status, String location) throws IOException {
		record(exchange);
		if (location != null) {
			exchange.getResponseHeaders().add("Location", location);
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

}
