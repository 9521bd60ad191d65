package com.penguinmails.alerts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat app's incoming webhook for tests, on the JDK's HTTP server on loopback: records
 * every POST (path, content type, parsed JSON body) and answers as told (Slack answers
 * 200 {@code ok}; Teams Workflows 202).
 */
public final class ChatReceiver implements AutoCloseable {

	public record Request(String path, String contentType, JsonNode body) {
	}

	private final HttpServer server;

	private final List<Request> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(200);

	private ChatReceiver(HttpServer server) {
		this.server = server;
	}

	public static ChatReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		ChatReceiver receiver = new ChatReceiver(server);
		ObjectMapper json = new ObjectMapper();
		server.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				receiver.received.add(new Request(exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("Content-Type"), json.readTree(body)));
			}
			byte[] answer = (receiver.status.get() < 300 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(receiver.status.get(), answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.start();
		return receiver;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	public ChatReceiver answer(int code) {
		status.set(code);
		return this;
	}

	public List<Request> to(String path) {
		return received.stream().filter(r -> r.path().equals(path)).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
