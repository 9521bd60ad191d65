package com.penguinmails.backups.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small server speaking the four operations of the S3 REST API the backups use, in
 * their documented shapes, path-style, for one bucket: PutObject (plain or
 * {@code aws-chunked} bodies), GetObject, ListObjectsV2 (prefix), DeleteObject. It checks
 * that each request carries a SigV4 {@code Authorization} for the expected access key,
 * not the signature itself. No S3-compatible server from Maven Central fitted the test
 * class path (see README "Backups and disaster recovery").
 */
final class TestS3Server implements AutoCloseable {

	final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

	private final HttpServer server;

	private final String bucket;

	private final String accessKey;

	TestS3Server(String bucket, String accessKey) throws IOException {
		this.bucket = bucket;
		this.accessKey = accessKey;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + accessKey + "/")) {
				error(exchange, 403, "AccessDenied");
				return;
			}
			URI uri = exchange.getRequestURI();
			String path = URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
			if (!path.startsWith("/" + bucket)) {
				error(exchange, 404, "NoSuchBucket");
				return;
			}
			String key = path.length() > bucket.length() + 2 ? path.substring(bucket.length() + 2) : "";
			switch (exchange.getRequestMethod()) {
				case "PUT" -> {
					objects.put(key, body(exchange));
					exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
					exchange.sendResponseHeaders(200, -1);
				}
				case "GET" -> {
					if (key.isEmpty()) {
						list(exchange, query(uri).getOrDefault("prefix", ""));
						return;
					}
					byte[] object = objects.get(key);
					if (object == null) {
						error(exchange, 404, "NoSuchKey");
						return;
					}
					exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
					exchange.sendResponseHeaders(200, object.length);
					exchange.getResponseBody().write(object);
				}
				case "DELETE" -> {
					objects.remove(key);
					exchange.sendResponseHeaders(204, -1);
				}
				default -> error(exchange, 405, "MethodNotAllowed");
			}
		}
	}

	/** The body, decoded from {@code aws-chunked} (SigV4 streaming) when sent so. */
	private static byte[] body(HttpExchange exchange) throws IOException {
		byte[] raw = exchange.getRequestBody().readAllBytes();
		String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		boolean chunked = (sha != null && sha.startsWith("STREAMING-"))
				|| (encoding != null && encoding.contains("aws-chunked"));
		if (!chunked) {
			return raw;
		}
		InputStream in = new ByteArrayInputStream(raw);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			String header = line(in);
			int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(size));
			line(in);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private void list(HttpExchange exchange, String prefix) throws IOException {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket
				+ "</Name><Prefix>" + prefix + "</Prefix><IsTruncated>false</IsTruncated>");
		int count = 0;
		for (Map.Entry<String, byte[]> object : objects.entrySet()) {
			if (object.getKey().startsWith(prefix)) {
				count++;
				xml.append("<Contents><Key>")
					.append(object.getKey())
					.append("</Key><Size>")
					.append(object.getValue().length)
					.append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
			}
		}
		xml.append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>1000</MaxKeys></ListBucketResult>");
		send(exchange, 200, xml.toString());
	}

	private static void error(HttpExchange exchange, int status, String code) throws IOException {
		send(exchange, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
				+ code + "</Message></Error>");
	}

	private static void send(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] body = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new TreeMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return query;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
