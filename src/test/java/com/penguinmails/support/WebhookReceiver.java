package com.penguinmails.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks for tests, on the JDK's HTTP server: answers as
 * scripted per request (N failures then 2xx, 410, 429 with Retry-After, hanging past the
 * sender's timeout) and records every request with its signatures checked by an
 * implementation independent of the sender's (javax.crypto.Mac for {@code v1},
 * java.security.Signature for {@code v1a}), per the Standard Webhooks specification.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** What to answer: status, headers, body; or hang for {@code hangMillis}. */
	public record Answer(int status, Map<String, String> headers, String body, long hangMillis) {

		public static Answer ok() {
			return new Answer(200, Map.of(), "ok", 0);
		}

		public static Answer status(int status) {
			return new Answer(status, Map.of(), "status " + status, 0);
		}

		public static Answer retryAfter(int status, String retryAfter) {
			return new Answer(status, Map.of("Retry-After", retryAfter), "slow down", 0);
		}

		public static Answer hang(long millis) {
			return new Answer(200, Map.of(), "late", millis);
		}

	}

	/**
	 * One request as received.
	 *
	 * @param validV1 how many {@code v1,} signatures verified against the HMAC secrets
	 * @param validV1a how many {@code v1a,} signatures verified against the public keys
	 * @param signatures how many signatures the header held
	 */
	public record Received(String webhookId, long timestamp, String body, Map<String, List<String>> headers,
			int signatures, int validV1, int validV1a, long receivedAtMillis) {

		public boolean allSignaturesValid() {
			return signatures > 0 && signatures == validV1 + validV1a;
		}

	}

	private final HttpServer server;

	private final List<String> hmacSecrets = new CopyOnWriteArrayList<>();

	private final List<String> publicKeys = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Function<Received, Answer> otherwise = r -> Answer.ok();

	private volatile boolean keep = true;

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	/** A receiver on a free port of {@code address} (127.0.0.1, 127.0.0.2, ...). */
	public static WebhookReceiver start(String address) throws IOException {
		// The JDK's server leaves Nagle's algorithm on by default: with the client's
		// delayed
		// ACKs every answer then waits ~40 ms, which caps a sender at concurrency / 40
		// ms.
		// Real receivers (nginx, Node, Go) set TCP_NODELAY; so does this one. Read once,
		// when
		// the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 200);
		WebhookReceiver receiver = new WebhookReceiver(server);
		server.createContext("/", receiver::handle);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.start();
		return receiver;
	}

	/** The URL to give an endpoint, with {@code path}. */
	public String url(String path) {
		return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** Verifies {@code v1} signatures with this {@code whsec_} secret too. */
	public WebhookReceiver hmac(String whsec) {
		hmacSecrets.add(whsec);
		return this;
	}

	/** Verifies {@code v1a} signatures with this {@code whpk_} public key too. */
	public WebhookReceiver ed25519(String whpk) {
		publicKeys.add(whpk);
		return this;
	}

	/** The next requests get these answers, in order; then {@link #otherwise}. */
	public WebhookReceiver then(Answer... answers) {
		script.addAll(List.of(answers));
		return this;
	}

	/** What requests get once the script is used up (200 by default). */
	public WebhookReceiver otherwise(Function<Received, Answer> answer) {
		this.otherwise = answer;
		return this;
	}

	/** Whether to keep every request for {@link #received()} (a benchmark keeps none). */
	public WebhookReceiver keepRequests(boolean keep) {
		this.keep = keep;
		return this;
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		long at = System.currentTimeMillis();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Received request = verify(exchange, body, at);
		if (keep) {
			received.add(request);
		}
		Answer answer = script.pollFirst();
		if (answer == null) {
			answer = otherwise.apply(request);
		}
		if (answer.hangMillis() > 0) {
			try {
				Thread.sleep(answer.hangMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		try {
			exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (IOException ex) {
			// The sender gave up (timeout): nothing to answer.
		}
		exchange.close();
	}

	private Received verify(HttpExchange exchange, String body, long at) {
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestampText = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String header = exchange.getRequestHeaders().getFirst("webhook-signature");
		long timestamp = timestampText == null ? -1 : Long.parseLong(timestampText);
		byte[] content = (id + "." + timestampText + "." + body).getBytes(StandardCharsets.UTF_8);
		int signatures = 0;
		int v1 = 0;
		int v1a = 0;
		for (String signature : header == null ? new String[0] : header.split(" ")) {
			signatures++;
			if (signature.startsWith("v1,") && hmacSecrets.stream().anyMatch(s -> hmacMatches(s, content, signature))) {
				v1++;
			}
			else if (signature.startsWith("v1a,")
					&& publicKeys.stream().anyMatch(k -> ed25519Matches(k, content, signature))) {
				v1a++;
			}
		}
		return new Received(id, timestamp, body, Map.copyOf(exchange.getRequestHeaders()), signatures, v1, v1a, at);
	}

	private static boolean hmacMatches(String whsec, byte[] content, String signature) {
		try {
			byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content));
			return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					signature.getBytes(StandardCharsets.US_ASCII));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static boolean ed25519Matches(String whpk, byte[] content, String signature) {
		try {
			byte[] raw = Base64.getDecoder().decode(whpk.substring("whpk_".length()));
			// X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 §4), then the
			// raw 32 bytes.
			byte[] prefix = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };
			byte[] der = new byte[prefix.length + raw.length];
			System.arraycopy(prefix, 0, der, 0, prefix.length);
			System.arraycopy(raw, 0, der, prefix.length, raw.length);
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(key);
			verifier.update(content);
			return verifier.verify(Base64.getDecoder().decode(signature.substring("v1a,".length())));
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** Every request's webhook-id, in arrival order. */
	public List<String> ids() {
		List<String> ids = new ArrayList<>();
		received.forEach(r -> ids.add(r.webhookId()));
		return ids;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
