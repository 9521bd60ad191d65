package com.penguinmails.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) whose answers to RCPT TO a test scripts per address:
 * each scripted reply is used once, then the address is accepted; accepted messages are
 * kept. It takes the login {@link #LOGIN} / {@link #PASSWORD}.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	public static final String LOGIN = Senders.SMTP_LOGIN;

	public static final String PASSWORD = Senders.SMTP_PASSWORD;

	private final Map<String, Deque<RejectException>> script = new ConcurrentHashMap<>();

	private final List<byte[]> accepted = new CopyOnWriteArrayList<>();

	private final SMTPServer server;

	public ScriptedSmtpServer() {
		server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.messageHandlerFactory(this::handler)
			.build();
		server.start();
	}

	public int port() {
		return server.getPortAllocated();
	}

	/** The next RCPT TO for {@code address} is answered {@code code text}. */
	public ScriptedSmtpServer reply(String address, int code, String text) {
		script.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new ArrayDeque<>())
			.add(new RejectException(code, text));
		return this;
	}

	public int acceptedCount() {
		return accepted.size();
	}

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!Senders.SMTP_LOGIN.equals(username) || !Senders.SMTP_PASSWORD.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			@Override
			public void from(String from) {
			}

			@Override
			public void recipient(String recipient) throws RejectException {
				Deque<RejectException> replies = script.get(recipient.toLowerCase(Locale.ROOT));
				RejectException reply = replies == null ? null : replies.poll();
				if (reply != null) {
					throw reply;
				}
			}

			@Override
			public String data(InputStream data) throws IOException {
				accepted.add(data.readAllBytes());
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	@Override
	public void close() {
		server.stop();
	}

}
