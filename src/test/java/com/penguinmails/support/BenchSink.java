package com.penguinmails.support;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.helper.BasicMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP sink of the benchmarks that run the packaged application: an SMTP server on
 * loopback (any login accepted) that counts each message by its {@code X-PenguinMails-ID}
 * header and each delivery by the EHLO name of the client that made it (RFC 5321
 * §4.1.1.1), so a bench can say what arrived once, twice or never, and from which node.
 * Messages without the header (the application's own mail) are not counted.
 */
public final class BenchSink implements AutoCloseable {

	/** The header every campaign message carries. */
	public static final Pattern ID = Pattern.compile("(?m)^X-PenguinMails-ID: (\\S+)");

	/**
	 * A tracking path (open pixel {@code /o/…} or click {@code /c/…}) in a message's
	 * HTML.
	 */
	public static final Pattern TRACKING_PATH = Pattern.compile("https?://[^/\"]+(/[oc]/[A-Za-z0-9_-]+)");

	/** Told of each counted delivery, on the sink's connection thread. */
	@FunctionalInterface
	public interface Arrival {

		/**
		 * @param helo the client's EHLO name ("?" when it sent none)
		 * @param id the message's X-PenguinMails-ID
		 * @param data the message as received (headers and body)
		 * @param times how many times this message has arrived, this one included
		 * @param unique how many different messages have arrived so far
		 */
		void arrived(String helo, String id, byte[] data, int times, int unique);

	}

	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> byHelo = new ConcurrentHashMap<>();

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicInteger unique = new AtomicInteger();

	private final SMTPServer server;

	private BenchSink(int maxConnections, Arrival arrival) {
		this.server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.maxConnections(maxConnections)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
			}))
			.messageHandler(new BasicMessageListener() {
				@Override
				public void messageArrived(MessageContext context, String from, String to, byte[] data) {
					count(context.getHelo().orElse("?"), data, arrival);
				}
			})
			.build();
	}

	/**
	 * Starts a sink on a free loopback port.
	 * @param maxConnections the most SMTP sessions at once (SubEthaSMTP's default is
	 * 1,000)
	 * @param arrival told of each counted delivery; may be null
	 */
	public static BenchSink start(int maxConnections, Arrival arrival) {
		BenchSink sink = new BenchSink(maxConnections, arrival);
		sink.server.start();
		return sink;
	}

	private void count(String helo, byte[] data, Arrival arrival) {
		Matcher id = ID.matcher(new String(data, 0, Math.min(data.length, 8192), StandardCharsets.ISO_8859_1));
		if (!id.find()) {
			return;
		}
		this.deliveries.incrementAndGet();
		this.byHelo.computeIfAbsent(helo, k -> new AtomicLong()).incrementAndGet();
		int times = this.received.computeIfAbsent(id.group(1), k -> new AtomicInteger()).incrementAndGet();
		int distinct = times == 1 ? this.unique.incrementAndGet() : this.unique.get();
		if (arrival != null) {
			arrival.arrived(helo, id.group(1), data, times, distinct);
		}
	}

	/** The port the sink listens on (loopback). */
	public int port() {
		return this.server.getPortAllocated();
	}

	/** Different messages arrived so far. */
	public int unique() {
		return this.unique.get();
	}

	/** Deliveries counted so far, repeats included. */
	public long deliveries() {
		return this.deliveries.get();
	}

	/** Messages that arrived more than once. */
	public long twice() {
		return this.received.values().stream().filter(count -> count.get() > 1).count();
	}

	/** Deliveries beyond each message's first. */
	public long extra() {
		return this.received.values().stream().mapToLong(count -> count.get() - 1).sum();
	}

	/** Deliveries by the EHLO name of the client that made them. */
	public Map<String, AtomicLong> byHelo() {
		return this.byHelo;
	}

	/**
	 * The tracking paths ({@code /o/…}, {@code /c/…}) in a message's first HTML part, in
	 * the order they appear; empty when it has none or cannot be read.
	 */
	public static List<String> trackingPaths(byte[] data) {
		List<String> found = new ArrayList<>();
		try {
			String html = BenchApplication.html(new MimeMessage((Session) null, new ByteArrayInputStream(data)));
			Matcher paths = TRACKING_PATH.matcher(html == null ? "" : html.replace("&amp;", "&"));
			while (paths.find()) {
				found.add(paths.group(1));
			}
		}
		catch (Exception ex) {
			// a message that cannot be read has no paths
		}
		return found;
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
