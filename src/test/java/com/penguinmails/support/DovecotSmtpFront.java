package com.penguinmails.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SMTP side of {@link Dovecot}: a tiny server on loopback (RFC 5321: EHLO, AUTH
 * PLAIN/LOGIN accepting any login, MAIL, RCPT, DATA, RSET, QUIT) that hands each message
 * to {@code dovecot-lda} for each recipient, synchronously, so the recipient's Sieve
 * script has run when DATA is answered. Recipients not listed in the users file (one
 * address a line) are refused at RCPT with 550; an LDA failure answers DATA with 451.
 */
final class DovecotSmtpFront implements AutoCloseable {

	private final Path lda;

	private final Path config;

	private final Path users;

	private final ServerSocket smtp;

	DovecotSmtpFront(Path lda, Path config, Path users) throws IOException {
		this.lda = lda;
		this.config = config;
		this.users = users;
		this.smtp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread front = new Thread(this::acceptSmtp, "dovecot-smtp-front");
		front.setDaemon(true);
		front.start();
	}

	int port() {
		return smtp.getLocalPort();
	}

	@Override
	public void close() {
		try {
			smtp.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void acceptSmtp() {
		while (!smtp.isClosed()) {
			try {
				Socket client = smtp.accept();
				Thread session = new Thread(() -> serve(client), "dovecot-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client;
				InputStream in = new BufferedInputStream(client.getInputStream());
				OutputStream out = client.getOutputStream()) {
			new Session(in, out).run();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	/** One SMTP conversation (RFC 5321 §4.1), delivering each message through the LDA. */
	private final class Session {

		private final InputStream in;

		private final OutputStream out;

		private String from = "";

		private final List<String> recipients = new ArrayList<>();

		Session(InputStream in, OutputStream out) {
			this.in = in;
			this.out = out;
		}

		void run() throws IOException {
			reply("220 dovecot-front.test ESMTP");
			String line;
			while ((line = readLine()) != null) {
				String upper = line.toUpperCase(Locale.ROOT);
				if (upper.startsWith("EHLO")) {
					reply("250-dovecot-front.test\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8");
				}
				else if (upper.startsWith("HELO")) {
					reply("250 dovecot-front.test");
				}
				else if (upper.startsWith("AUTH")) {
					authenticate(upper);
				}
				else if (upper.startsWith("MAIL FROM:")) {
					from = address(line.substring(10));
					recipients.clear();
					reply("250 2.1.0 OK");
				}
				else if (upper.startsWith("RCPT TO:")) {
					recipient(address(line.substring(8)));
				}
				else if (upper.equals("DATA")) {
					data();
				}
				else if (upper.equals("QUIT")) {
					reply("221 2.0.0 Bye");
					return;
				}
				else if (upper.equals("RSET") || upper.equals("NOOP")) {
					recipients.clear();
					reply("250 2.0.0 OK");
				}
				else {
					reply("502 5.5.1 Not implemented");
				}
			}
		}

		private void authenticate(String upper) throws IOException {
			// Any login is accepted: the front stands in for each sender's own server.
			if (upper.startsWith("AUTH LOGIN")) {
				reply("334 VXNlcm5hbWU6");
				readLine();
				reply("334 UGFzc3dvcmQ6");
				readLine();
			}
			else if (upper.trim().equals("AUTH PLAIN")) {
				reply("334 ");
				readLine();
			}
			reply("235 2.7.0 Authentication successful");
		}

		private void recipient(String address) throws IOException {
			String user = address.toLowerCase(Locale.ROOT);
			boolean known;
			try {
				known = Files.readAllLines(users).stream().anyMatch(user::equals);
			}
			catch (IOException ex) {
				known = false;
			}
			if (known) {
				recipients.add(user);
				reply("250 2.1.5 OK");
			}
			else {
				reply("550 5.1.1 No such user " + user);
			}
		}

		private void data() throws IOException {
			if (recipients.isEmpty()) {
				reply("554 5.5.1 No valid recipients");
				return;
			}
			reply("354 End data with <CR><LF>.<CR><LF>");
			ByteArrayOutputStream message = new ByteArrayOutputStream();
			String line;
			while ((line = readLine()) != null && !line.equals(".")) {
				// RFC 5321 §4.5.2: a leading dot was doubled by the client.
				String unstuffed = line.startsWith(".") ? line.substring(1) : line;
				message.write(unstuffed.getBytes(StandardCharsets.ISO_8859_1));
				message.write('\n');
			}
			for (String recipient : recipients) {
				String error = deliver(recipient, message.toByteArray());
				if (error != null) {
					reply("451 4.3.0 " + error);
					return;
				}
			}
			reply("250 2.0.0 Delivered");
		}

		private String deliver(String recipient, byte[] message) {
			try {
				Process process = new ProcessBuilder(lda.toString(), "-c", config.toString(), "-d", recipient, "-f",
						from.isEmpty() ? "MAILER-DAEMON" : from)
					.redirectErrorStream(true)
					.start();
				try (OutputStream stdin = process.getOutputStream()) {
					stdin.write(message);
				}
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				int status = process.waitFor();
				return status == 0 ? null : "dovecot-lda exited " + status + ": " + output.strip();
			}
			catch (IOException ex) {
				return ex.getMessage();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

		private String address(String path) {
			String value = path.trim();
			int space = value.indexOf(' ');
			if (space > 0) {
				value = value.substring(0, space);
			}
			return value.replace("<", "").replace(">", "");
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					byte[] bytes = line.toByteArray();
					int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
					return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
				}
				line.write(b);
			}
			return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
		}

		private void reply(String text) throws IOException {
			out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}

	}

}
