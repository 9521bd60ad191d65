package com.penguinmails.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Dovecot 2.3 (IMAP, with Sieve on delivery) for the test JVM, as the receiving
 * mail server of warmup tests: started once, as a child process ({@code dovecot -F}) with
 * its own configuration, maildirs and logs in a temporary directory, IMAP on a free
 * loopback port (plain login allowed: loopback only, no TLS), MOVE (RFC 6851) and
 * SPECIAL-USE (RFC 6154) with a {@code Junk} mailbox marked {@code \Junk}. The same IMAP
 * port on {@link #NO_MOVE_HOST} offers no MOVE, for clients' COPY + EXPUNGE fallback.
 * <p>
 * Mail arrives through a tiny SMTP front ({@link DovecotSmtpFront}) that hands each
 * message to {@code dovecot-lda} per recipient, synchronously, so the recipient's Sieve
 * script has run when the SMTP client's DATA is answered. Names not added are refused at
 * RCPT (550).
 * <p>
 * Absent locally (no {@code /usr/sbin/dovecot} or no Sieve plugin), {@link #get()} skips
 * the test with a message; with {@code PENGUINMAILS_REQUIRE_DOVECOT=true} (as in CI) it
 * fails instead.
 */
public final class Dovecot {

	/**
	 * Every user's password (any name logs in with it; mail goes to added users only).
	 */
	public static final String PASSWORD = "secret";

	/**
	 * A second loopback address on which the IMAP port offers no MOVE (the test must let
	 * the network policy reach it:
	 * {@code NetworkPolicy.allow(NO_MOVE_HOST, imapPort())}).
	 */
	public static final String NO_MOVE_HOST = "127.0.0.2";

	private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

	private static final Path LDA = Path.of("/usr/lib/dovecot/dovecot-lda");

	private static final Path SIEVE_PLUGIN = Path.of("/usr/lib/dovecot/modules/lib90_sieve_plugin.so");

	/** What root runs the mail as (nobody/nogroup): Dovecot refuses uid 0 for mail. */
	private static final int ROOT_MAIL_ID = 65534;

	private static Dovecot instance;

	private final Path dir;

	private final int imapPort;

	private final DovecotSmtpFront smtp;

	private final Process process;

	private final int mailUid;

	private final int mailGid;

	private Dovecot(Path dir) throws IOException, InterruptedException {
		this.dir = dir;
		int uid = (Integer) Files.getAttribute(dir, "unix:uid");
		int gid = (Integer) Files.getAttribute(dir, "unix:gid");
		boolean root = uid == 0;
		this.mailUid = root ? ROOT_MAIL_ID : uid;
		this.mailGid = root ? ROOT_MAIL_ID : gid;
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (String sub : List.of("mail", "home")) {
			own(Files.createDirectories(dir.resolve(sub)));
		}
		Files.writeString(dir.resolve("users"), "");
		this.imapPort = freePort();
		String user = root ? null : System.getProperty("user.name");
		Files.writeString(dir.resolve("dovecot.conf"), config(user));
		this.process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("dovecot.out").toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
		awaitImap();
		this.smtp = new DovecotSmtpFront(LDA, dir.resolve("dovecot.conf"), dir.resolve("users"));
	}

	/**
	 * The Dovecot of this test JVM, started on first use; skips the calling test when
	 * Dovecot is not installed (fails instead with PENGUINMAILS_REQUIRE_DOVECOT=true).
	 */
	public static synchronized Dovecot get() {
		boolean present = Files.isExecutable(DOVECOT) && Files.isExecutable(LDA) && Files.exists(SIEVE_PLUGIN);
		if (!present && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_DOVECOT"))) {
			throw new IllegalStateException("PENGUINMAILS_REQUIRE_DOVECOT=true but Dovecot with Sieve is missing: "
					+ "apt-get install dovecot-imapd dovecot-sieve");
		}
		Assumptions.assumeTrue(present,
				"Dovecot with Sieve is not installed (apt-get install dovecot-imapd dovecot-sieve): skipped");
		if (instance == null) {
			try {
				instance = new Dovecot(Files.createTempDirectory("penguinmails-dovecot"));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Dovecot could not start: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return instance;
	}

	public int imapPort() {
		return imapPort;
	}

	public int smtpPort() {
		return smtp.port();
	}

	/** Adds a user (password {@link #PASSWORD}); returns its address, lower case. */
	public synchronized String addUser(String address) {
		String user = address.toLowerCase(Locale.ROOT);
		try {
			own(Files.createDirectories(home(user)));
			// Dovecot itself knows every name (static passdb and userdb): a passwd-file
			// is
			// re-read at most once a second, too late for a user added just before. The
			// SMTP front refuses names not in this list.
			Files.writeString(dir.resolve("users"), user + "\n", java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return user;
	}

	/**
	 * Makes {@code script} the user's active Sieve script (RFC 5228), run on every
	 * message delivered to it from now on, e.g. {@code require "fileinto"; if address :is
	 * "from" "x@y.test" { fileinto "Junk"; }}.
	 */
	public void sieve(String address, String script) {
		Path file = home(address.toLowerCase(Locale.ROOT)).resolve("active.sieve");
		try {
			Files.deleteIfExists(home(address.toLowerCase(Locale.ROOT)).resolve("active.svbin"));
			Files.writeString(file, script);
			own(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One message as a folder holds it. */
	public record Stored(String subject, String messageId, boolean seen, boolean flagged, String body) {
	}

	/**
	 * The messages of one of the user's folders (empty when it does not exist), read
	 * without changing their flags.
	 */
	public List<Stored> folder(String address, String name) {
		try (Store store = imap(address)) {
			Folder folder = store.getFolder(name);
			if (!folder.exists()) {
				return List.of();
			}
			folder.open(Folder.READ_ONLY);
			try {
				List<Stored> messages = new ArrayList<>();
				for (Message message : folder.getMessages()) {
					String[] ids = message.getHeader("Message-ID");
					Object content = message.getContent();
					messages.add(new Stored(message.getSubject(), ids == null ? null : ids[0],
							message.isSet(Flags.Flag.SEEN), message.isSet(Flags.Flag.FLAGGED),
							content instanceof String text ? text : ""));
				}
				return messages;
			}
			finally {
				folder.close(false);
			}
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An IMAP session of the user, for a test's own reading and writing; close it. */
	public Store imap(String address) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.imap.host", "127.0.0.1");
		properties.put("mail.imap.port", String.valueOf(imapPort));
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect("127.0.0.1", imapPort, address.toLowerCase(Locale.ROOT), PASSWORD);
		return store;
	}

	private Path home(String user) {
		return dir.resolve("home").resolve(user);
	}

	private String config(String user) {
		String internal = user == null ? "dovecot" : user;
		String login = user == null ? "dovenull" : user;
		String capabilities = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT CHILDREN NAMESPACE UIDPLUS "
				+ "LIST-EXTENDED LITERAL+ SPECIAL-USE";
		return """
				base_dir = %1$s/run
				state_dir = %1$s/state
				log_path = %1$s/dovecot.log
				protocols = imap
				listen = 127.0.0.1, %5$s
				ssl = no
				disable_plaintext_auth = no
				auth_mechanisms = plain login
				default_internal_user = %2$s
				default_login_user = %3$s
				first_valid_uid = 1
				mail_location = maildir:%1$s/mail/%%u
				mail_uid = %6$d
				mail_gid = %7$d
				passdb {
				  driver = static
				  args = password=%9$s
				}
				userdb {
				  driver = static
				  args = uid=%6$d gid=%7$d home=%1$s/home/%%u allow_all_users=yes
				}
				service imap-login {
				  inet_listener imap {
				    address = 127.0.0.1, %5$s
				    port = %4$d
				  }
				  inet_listener imaps {
				    port = 0
				  }
				}
				namespace inbox {
				  inbox = yes
				  separator = /
				  mailbox Junk {
				    special_use = \\Junk
				    auto = subscribe
				  }
				  mailbox Sent {
				    special_use = \\Sent
				    auto = subscribe
				  }
				  mailbox Drafts {
				    special_use = \\Drafts
				    auto = subscribe
				  }
				  mailbox Trash {
				    special_use = \\Trash
				    auto = subscribe
				  }
				}
				protocol lda {
				  mail_plugins = sieve
				}
				plugin {
				  sieve = file:%1$s/home/%%u/sieve;active=%1$s/home/%%u/active.sieve
				}
				local %5$s {
				  protocol imap {
				    imap_capability = %8$s
				  }
				}
				""".formatted(dir, internal, login, imapPort, NO_MOVE_HOST, mailUid, mailGid, capabilities, PASSWORD);
	}

	private void own(Path path) throws IOException {
		if (mailUid == ROOT_MAIL_ID) {
			Files.setAttribute(path, "unix:uid", mailUid);
			Files.setAttribute(path, "unix:gid", mailGid);
		}
	}

	private void awaitImap() throws IOException, InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(until)) {
			if (!process.isAlive()) {
				throw new IOException("dovecot exited: " + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", imapPort), 500);
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(100);
			}
		}
		throw new IOException("dovecot did not listen on " + imapPort + " within 30 s: " + log());
	}

	private String log() {
		try (Stream<String> lines = Stream.concat(lines("dovecot.out"), lines("dovecot.log"))) {
			return String.join("\n", lines.toList());
		}
	}

	private Stream<String> lines(String name) {
		try {
			return Files.exists(dir.resolve(name)) ? Files.readAllLines(dir.resolve(name)).stream() : Stream.empty();
		}
		catch (IOException ex) {
			return Stream.empty();
		}
	}

	private void stop() {
		smtp.close();
		process.destroy();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
