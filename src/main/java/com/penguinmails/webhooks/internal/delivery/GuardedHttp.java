package com.penguinmails.webhooks.internal.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.NetworkPolicy;

/**
 * POSTs a webhook with Apache HttpClient 5: no redirects followed (a 3xx is an answer,
 * not followed), no automatic retries, the whole request within the timeout (cancelled
 * after it), the first KB of the answer kept. SSRF guard: every new connection resolves
 * the host through {@link NetworkPolicy#check} and connects only to the addresses it
 * allowed (DNS checked again for each new connection; kept-alive connections live at most
 * 30 s, the JVM's own DNS cache time).
 */
@Component
class GuardedHttp implements DisposableBean {

	/** What came back, or why nothing did. */
	record Outcome(Integer status, Map<String, String> headers, String body, String error, int durationMs) {

		boolean success() {
			return status != null && status >= 200 && status < 300;
		}

	}

	/** An address the network policy refused: a failed attempt, not a crash. */
	static final class RefusedException extends UnknownHostException {

		RefusedException(String message) {
			super(message);
		}

	}

	/**
	 * Resolves a host through the network policy: only the addresses it allowed are
	 * connected to; a refused one fails the connection with {@link RefusedException}.
	 */
	private record PolicyResolver(NetworkPolicy policy) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			return resolve(host, 443).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
		}

		@Override
		public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
			List<InetAddress> addresses;
			try {
				addresses = policy.check(host, port);
			}
			catch (NetworkPolicy.RefusedAddress ex) {
				throw new RefusedException(ex.getMessage());
			}
			if (addresses.isEmpty()) {
				throw new UnknownHostException(host + ": no such host");
			}
			return addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

	static final int KEPT_BODY = 1024;

	private static final ContentType JSON = ContentType.create("application/json");

	private final CloseableHttpClient client;

	private final ScheduledExecutorService deadlines;

	private final long timeoutMillis;

	GuardedHttp(NetworkPolicy policy, WebhookDeliveryProperties properties) {
		this.timeoutMillis = properties.timeout().toMillis();
		Timeout timeout = Timeout.ofMilliseconds(timeoutMillis);
		DnsResolver resolver = new PolicyResolver(policy);
		int connections = Math.max(1, properties.concurrency());
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				// Small requests, sent at once (no Nagle delay waiting for the receiver's
				// ACK).
				.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(timeout).build())
				.setMaxConnTotal(connections * 2)
				.setMaxConnPerRoute(connections)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(timeout)
					.setSocketTimeout(timeout)
					.setTimeToLive(TimeValue.ofSeconds(30))
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setRedirectsEnabled(false)
				.setResponseTimeout(timeout)
				.setConnectionRequestTimeout(timeout)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
		this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "webhook-deadlines");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** POSTs {@code body} with {@code headers} to {@code url}; never throws. */
	Outcome post(String url, Map<String, String> headers, String body) {
		long start = System.nanoTime();
		HttpPost post;
		try {
			post = new HttpPost(URI.create(url));
		}
		catch (IllegalArgumentException ex) {
			return new Outcome(null, null, null, "Not a URL: " + ex.getMessage(), 0);
		}
		headers.forEach((name, value) -> {
			if (!"content-type".equals(name)) {
				post.setHeader(name, value);
			}
		});
		// content-type: application/json (JSON is UTF-8 by definition, RFC 8259 §8.1).
		post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));
		// The whole request within the timeout, however slowly the receiver trickles.
		ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeoutMillis, TimeUnit.MILLISECONDS);
		try {
			return client.execute(post, response -> read(response, start));
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof RefusedException) {
					return new Outcome(null, null, null, "Refused: " + cause.getMessage(), elapsed(start));
				}
			}
			String error = post.isCancelled() || ex instanceof java.net.SocketTimeoutException
					? "Timed out after " + timeoutMillis + " ms" : describe(ex);
			return new Outcome(null, null, null, error, elapsed(start));
		}
		finally {
			deadline.cancel(false);
		}
	}

	private Outcome read(ClassicHttpResponse response, long start) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : response.getHeaders()) {
			headers.merge(header.getName().toLowerCase(java.util.Locale.ROOT), header.getValue(),
					(a, b) -> a + ", " + b);
		}
		String body = "";
		HttpEntity entity = response.getEntity();
		if (entity != null) {
			try (InputStream in = entity.getContent()) {
				byte[] first = in.readNBytes(KEPT_BODY);
				body = new String(first, StandardCharsets.UTF_8);
			}
		}
		return new Outcome(response.getCode(), headers, body, null, elapsed(start));
	}

	private static String describe(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

	private static int elapsed(long start) {
		return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
	}

	@Override
	public void destroy() throws IOException {
		deadlines.shutdownNow();
		client.close();
	}

}
