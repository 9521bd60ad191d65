package com.penguinmails.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server on loopback that answers from a script, line by line (RFC 5321), and
 * records what the client said: the EHLO name, the AUTH attempts and the messages. For
 * the replies a real server library would not let a test choose: a greeting that refuses,
 * an EHLO without AUTH, an AUTH answered 454.
 */
public final class RawSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread thread;

	private volatile String greeting = "220 mx.scripted.test ESMTP ready";

	private volatile List<String> extensions = List.of("PIPELINING", "AUTH PLAIN LOGIN", "8BITMIME");

	private volatile String authReply = "235 2.7.0 Authentication successful";

	/** Every EHLO or HELO argument received, in order. */
	public final List<String> helos = new CopyOnWriteArrayList<>();

	/** Every AUTH command line received. */
	public final List<String> auths = new CopyOnWriteArrayList<>();

	/** Every message's DATA, as received. */
	public final List<String> messages = new CopyOnWriteArrayList<>();

	/** How many connections were accepted. */
	public volatile int connections;

	public RawSmtpServer() {
		this(InetAddress.getLoopbackAddress());
	}

	/** A server listening on {@code address} (another loopback address, say). */
	public RawSmtpServer(InetAddress address) {
		try {
			socket = new ServerSocket(0, 50, address);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		thread = new Thread(this::serve, "raw-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	public int port() {
		return socket.getLocalPort();
	}

	public RawSmtpServer greeting(String line) {
		this.greeting = line;
		return this;
	}

	/** The EHLO keywords offered (without "AUTH ..." the server offers no login). */
	public RawSmtpServer extensions(String... keywords) {
		this.extensions = List.of(keywords);
		return this;
	}

	/** The reply to AUTH (with the credentials inline, as AUTH PLAIN sends them). */
	public RawSmtpServer authReply(String line) {
		this.authReply = line;
		return this;
	}

	private void serve() {
		while (!socket.isClosed()) {
			try (Socket client = socket.accept()) {
				connections++;
				client.setSoTimeout(10_000);
				converse(client);
			}
			catch (IOException ex) {
				// The client went away, or the server closed.
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
		say(out, greeting);
		if (!greeting.startsWith("220")) {
			return;
		}
		String line;
		while ((line = in.readLine()) != null) {
			String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
			switch (verb) {
				case "EHLO", "HELO" -> {
					helos.add(line.length() > 5 ? line.substring(5).strip() : "");
					StringBuilder reply = new StringBuilder("250-mx.scripted.test");
					for (String keyword : extensions) {
						reply.append("\r\n250-").append(keyword);
					}
					reply.append("\r\n250 SIZE 10240000");
					say(out, reply.toString());
				}
				case "AUTH" -> {
					auths.add(line);
					String[] parts = line.split(" ");
					if (parts.length == 2) {
						// AUTH LOGIN / AUTH PLAIN without an initial response: one
						// challenge
						// per step.
						say(out, "334 ");
						in.readLine();
						if (parts[1].equalsIgnoreCase("LOGIN")) {
							say(out, "334 ");
							in.readLine();
						}
					}
					say(out, authReply);
				}
				case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 2.0.0 OK");
				case "DATA" -> {
					say(out, "354 go ahead");
					StringBuilder data = new StringBuilder();
					String next;
					while ((next = in.readLine()) != null && !next.equals(".")) {
						data.append(next.startsWith("..") ? next.substring(1) : next).append("\r\n");
					}
					messages.add(data.toString());
					say(out, "250 2.0.0 OK queued as RAW" + messages.size());
				}
				case "QUIT" -> {
					say(out, "221 2.0.0 bye");
					return;
				}
				default -> say(out, "502 5.5.2 not implemented");
			}
		}
	}

	private static void say(Writer out, String line) throws IOException {
		out.write(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
