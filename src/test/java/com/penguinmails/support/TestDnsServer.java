package com.penguinmails.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback for tests: it answers real DNS packets
 * over UDP and TCP (built with dnsjava's message classes) from records the test adds,
 * says NXDOMAIN for names it does not know, and never answers names marked silent (to
 * test timeouts).
 */
public final class TestDnsServer implements AutoCloseable {

	private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();

	private final Set<Name> silent = ConcurrentHashMap.newKeySet();

	private final java.util.concurrent.atomic.AtomicInteger tcpQueries = new java.util.concurrent.atomic.AtomicInteger();

	private final DatagramSocket udp;

	private final ServerSocket tcp;

	private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
		Thread thread = new Thread(r, "test-dns");
		thread.setDaemon(true);
		return thread;
	});

	private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
		this.udp = udp;
		this.tcp = tcp;
	}

	private static TestDnsServer shared;

	private static TestDnsServer secondary;

	/** A second server, playing another public resolver in the propagation matrix. */
	public static synchronized TestDnsServer secondary() {
		if (secondary == null) {
			try {
				secondary = start();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return secondary;
	}

	/**
	 * The one server of this test JVM, which the shared application context resolves
	 * against.
	 */
	public static synchronized TestDnsServer shared() {
		if (shared == null) {
			try {
				shared = start();
				shared.listBlocklistTestEntries();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	/** Starts on a free loopback port, the same for UDP and TCP. */
	public static TestDnsServer start() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		for (int attempt = 0; attempt < 20; attempt++) {
			DatagramSocket udp = new DatagramSocket(0, loopback);
			try {
				ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
				TestDnsServer server = new TestDnsServer(udp, tcp);
				server.threads.submit(server::serveUdp);
				server.threads.submit(server::serveTcp);
				return server;
			}
			catch (IOException ex) {
				udp.close();
			}
		}
		throw new IOException("No free port for the test DNS server");
	}

	public int port() {
		return udp.getLocalPort();
	}

	/**
	 * How many queries came over TCP (a UDP answer over 512 bytes is truncated, and
	 * clients retry over TCP).
	 */
	public int tcpQueries() {
		return tcpQueries.get();
	}

	public String address() {
		return "127.0.0.1:" + port();
	}

	/**
	 * Adds a record in zone-file syntax, for example
	 * {@code "example.com. 300 IN TXT \"v=spf1 -all\""}.
	 */
	public TestDnsServer add(String zoneLine) {
		try {
			Record record = parse(zoneLine);
			records.computeIfAbsent(record.getName(), n -> new java.util.concurrent.CopyOnWriteArrayList<>())
				.add(record);
			return this;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(zoneLine, ex);
		}
	}

	/**
	 * Publishes every record of a zone-file snippet, as a user pasting it at their
	 * provider would.
	 */
	public TestDnsServer publishZone(String zone) {
		try (org.xbill.DNS.Master master = new org.xbill.DNS.Master(
				new java.io.ByteArrayInputStream(zone.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
			Record record;
			while ((record = master.nextRecord()) != null) {
				add(record.toString());
			}
			return this;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not a zone snippet: " + zone, ex);
		}
	}

	/**
	 * Plays every shipped IP blocklist's RFC 5782 §5 test entry (127.0.0.2 listed), as
	 * real lists do: without it a list's "not listed" is not believed.
	 */
	public TestDnsServer listBlocklistTestEntries() {
		try (java.io.InputStream csv = TestDnsServer.class.getResourceAsStream("/domains/blocklists.csv")) {
			String text = new String(csv.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			text.lines()
				.skip(1)
				.map(line -> line.split(",", -1))
				.filter(f -> f.length > 1 && "ip".equals(f[1]))
				.forEach(f -> add("2.0.0.127." + f[0] + ". 300 IN A 127.0.0.2"));
			return this;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Forgets every record of {@code name}. */
	public TestDnsServer clear(String name) {
		records.remove(name(name));
		return this;
	}

	/** Queries for {@code name} get no answer at all. */
	public TestDnsServer silence(String name) {
		silent.add(name(name));
		return this;
	}

	private volatile TSIG updateKey;

	/**
	 * Accepts RFC 2136 updates signed with this TSIG key (RFC 8945); unsigned ones are
	 * refused.
	 */
	public TestDnsServer acceptUpdates(String keyName, String base64Secret) {
		updateKey = new TSIG(TSIG.HMAC_SHA256, name(keyName), base64Secret);
		return this;
	}

	private Message handle(Message query, byte[] wire) {
		return query.getHeader().getOpcode() == Opcode.UPDATE ? update(query, wire) : answer(query);
	}

	/**
	 * RFC 2136 §3: checks the signature, then applies the update section (no
	 * prerequisites here).
	 */
	private Message update(Message query, byte[] wire) {
		Message response = new Message(query.getHeader().getID());
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setOpcode(Opcode.UPDATE);
		TSIG key = updateKey;
		if (key == null) {
			response.getHeader().setRcode(Rcode.REFUSED);
			return response;
		}
		TSIGRecord signature = query.getTSIG();
		if (signature == null || key.verify(query, wire, null) != Rcode.NOERROR) {
			response.getHeader().setRcode(Rcode.NOTAUTH);
			return response;
		}
		for (Record change : query.getSection(Section.UPDATE)) {
			Name owner = change.getName();
			if (change.getDClass() == DClass.ANY) {
				if (change.getType() == Type.ANY) {
					records.remove(owner);
				}
				else {
					List<Record> at = records.get(owner);
					if (at != null) {
						at.removeIf(r -> r.getType() == change.getType());
					}
				}
			}
			else if (change.getDClass() == DClass.NONE) {
				List<Record> at = records.get(owner);
				if (at != null) {
					at.removeIf(
							r -> r.getType() == change.getType() && r.rdataToString().equals(change.rdataToString()));
				}
			}
			else {
				records.computeIfAbsent(owner, n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(change);
			}
		}
		response.setTSIG(key, Rcode.NOERROR, signature);
		return response;
	}

	/**
	 * Answers one query; public so that a test may also look at what the server holds.
	 */
	public Message answer(Message query) {
		Record question = query.getQuestion();
		Message response = new Message(query.getHeader().getID());
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		if (query.getHeader().getFlag(Flags.RD)) {
			response.getHeader().setFlag(Flags.RD);
		}
		response.addRecord(question, Section.QUESTION);
		List<Record> atName = records.get(question.getName());
		if (atName == null) {
			response.getHeader().setRcode(Rcode.NXDOMAIN);
			return response;
		}
		for (Record record : atName) {
			boolean matches = record.getType() == question.getType() || question.getType() == Type.ANY
					|| record.getType() == Type.CNAME;
			if (matches) {
				response.addRecord(record, Section.ANSWER);
			}
		}
		return response;
	}

	private void serveUdp() {
		byte[] buffer = new byte[65535];
		while (!udp.isClosed()) {
			try {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				udp.receive(packet);
				byte[] wire = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
				Message query = new Message(wire);
				if (query.getHeader().getOpcode() != Opcode.UPDATE && silent.contains(query.getQuestion().getName())) {
					continue;
				}
				byte[] out = handle(query, wire).toWire(512);
				udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException | RuntimeException ex) {
				// a malformed packet: ignore it, as a real server would
			}
		}
	}

	private void serveTcp() {
		while (!tcp.isClosed()) {
			try {
				Socket socket = tcp.accept();
				threads.submit(() -> serveTcpConnection(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serveTcpConnection(Socket socket) {
		try (socket) {
			DataInputStream in = new DataInputStream(socket.getInputStream());
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			// RFC 1035 §4.2.2: each message is preceded by its length in two bytes.
			int length = in.readUnsignedShort();
			byte[] data = in.readNBytes(length);
			Message query = new Message(data);
			tcpQueries.incrementAndGet();
			if (query.getHeader().getOpcode() != Opcode.UPDATE && silent.contains(query.getQuestion().getName())) {
				return;
			}
			byte[] answer = handle(query, data).toWire();
			out.writeShort(answer.length);
			out.write(answer);
			out.flush();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static Record parse(String zoneLine) throws IOException {
		try (org.xbill.DNS.Master master = new org.xbill.DNS.Master(
				new java.io.ByteArrayInputStream(zoneLine.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Name.root,
				300)) {
			Record record = master.nextRecord();
			if (record == null || record.getDClass() != DClass.IN) {
				throw new IOException("Not a record: " + zoneLine);
			}
			return record;
		}
	}

	private static Name name(String name) {
		try {
			return Name.fromString(name.endsWith(".") ? name : name + ".");
		}
		catch (TextParseException ex) {
			throw new IllegalArgumentException(name, ex);
		}
	}

	@Override
	public void close() {
		udp.close();
		try {
			tcp.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		threads.shutdownNow();
	}

}
