package com.penguinmails.reputation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports arriving by mail, through a real IMAP server (GreenMail): inbound recognises
 * them (never a reply, not unread), reputation reads and stores them, the same report
 * twice counts once, a malformed attachment is logged without stopping the good one, and
 * a folder marked for reports is synced too.
 */
@IntegrationTest
class DmarcIngestionTests {

	static GreenMail mail = InboundFixtures.mail();

	static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DmarcReports reports;

	static String domainOf(InboundFixtures.Sender sender) {
		return sender.mailbox().email().substring(sender.mailbox().email().indexOf('@') + 1);
	}

	static byte[] report(String org, String id, String domain) {
		return DmarcTestReports.gzip(DmarcTestReports.xml(org, id, domain, "none", DAY,
				DmarcTestReports.Row.of("127.0.0.1", 40, "pass", "pass"),
				DmarcTestReports.Row.of("203.0.113.9", 2, "fail", "fail")));
	}

	static String fileName(String org, String domain) {
		long begin = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
		return org + "!" + domain + "!" + begin + "!" + (begin + 86399) + ".xml.gz";
	}

	List<Map<String, Object>> files(UUID workspaceId) {
		return fixtures.jdbc()
			.sql("SELECT name, status, reason, origin FROM dmarc_files WHERE workspace_id = ? ORDER BY received_at, status")
			.param(workspaceId)
			.query()
			.listOfRows();
	}

	long reported(UUID workspaceId) {
		return fixtures.jdbc()
			.sql("SELECT coalesce(sum(message_count), 0) FROM dmarc_rows WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	@Test
	void aReportMessageIsStoredReadAndCountsOnceWhenSentTwice() throws Exception {
		InboundFixtures.Sender sender = setup.sender("dmarc-mail");
		String domain = domainOf(sender);
		byte[] gz = report("google.com", "g-1", domain);
		String raw = DmarcTestReports.message("noreply-dmarc-support@google.com", sender.mailbox().email(), null,
				"google.com", domain, "g-1", gz, fileName("google.com", domain));

		InboundFixtures.deliverRaw(sender.user(), raw);
		InboundFixtures.deliverRaw(sender.user(), raw.replaceFirst("Message-ID: <", "Message-ID: <again-"));
		InboundSync.Result result = sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		fixtures.awaitEvents("DmarcMailListener");

		assertThat(result.error()).isNull();
		assertThat(fixtures.jdbc()
			.sql("SELECT kind, unread, campaign_id IS NULL FROM inbound_messages WHERE mailbox_id = ?")
			.param(sender.mailbox().id())
			.query((rs, i) -> rs.getString(1) + " " + rs.getBoolean(2) + " " + rs.getBoolean(3))
			.list()).containsExactly("dmarc_report false true", "dmarc_report false true");
		assertThat(files(sender.account().workspaceId())).extracting(row -> row.get("status"))
			.containsExactlyInAnyOrder("stored", "duplicate");
		assertThat(files(sender.account().workspaceId())).extracting(row -> row.get("origin")).containsOnly("mailbox");
		assertThat(reported(sender.account().workspaceId())).isEqualTo(42);
	}

	@Test
	void aMalformedAttachmentIsLoggedAndTheGoodOneInTheSameMessageStored() throws Exception {
		InboundFixtures.Sender sender = setup.sender("dmarc-malformed");
		String domain = domainOf(sender);
		String good = java.util.Base64.getMimeEncoder(76, new byte[] { 10 })
			.encodeToString(report("yahoo.com", "y-1", domain));
		String bad = java.util.Base64.getMimeEncoder(76, new byte[] { 10 })
			.encodeToString(new byte[] { 0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7 });
		String raw = """
				From: dmarchelp@yahooinc.com
				To: %s
				Subject: Report Domain: %s Submitter: Yahoo Report-ID: <y-1>
				Message-ID: <two-files@yahoo.test>
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: application/gzip; name="broken.xml.gz"
				Content-Disposition: attachment; filename="broken.xml.gz"
				Content-Transfer-Encoding: base64

				%s
				--b
				Content-Type: application/gzip; name="%s"
				Content-Disposition: attachment; filename="%s"
				Content-Transfer-Encoding: base64

				%s
				--b--
				""".formatted(sender.mailbox().email(), domain, bad, fileName("yahoo.com", domain),
				fileName("yahoo.com", domain), good);

		InboundFixtures.deliverRaw(sender.user(), raw);
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		fixtures.awaitEvents("DmarcMailListener");

		List<Map<String, Object>> files = files(sender.account().workspaceId());
		assertThat(files).extracting(row -> row.get("status")).containsExactlyInAnyOrder("malformed", "stored");
		assertThat(files).filteredOn(row -> "malformed".equals(row.get("status")))
			.extracting(row -> row.get("name"), row -> row.get("reason") != null)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("broken.xml.gz", true));
		assertThat(reported(sender.account().workspaceId())).isEqualTo(42);
	}

	@Test
	void aFolderMarkedForReportsIsSyncedAndItsReportsRead() throws Exception {
		InboundFixtures.Sender sender = setup.sender("dmarc-folder");
		String domain = domainOf(sender);
		reports.setPlace(sender.account().owner(), sender.mailbox().id(), "DMARC");
		// A small provider's report: no RFC subject or file name, found by its folder.
		String raw = DmarcTestReports.message("dmarc@small-provider.test", sender.mailbox().email(), "DMARC aggregate",
				"small-provider.test", domain, "s-1", report("small-provider.test", "s-1", domain), "report.gz");
		appendTo(sender, "DMARC", raw);

		InboundSync.Result result = sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		fixtures.awaitEvents("DmarcMailListener");

		assertThat(result.folders()).contains("DMARC");
		assertThat(fixtures.jdbc()
			.sql("SELECT folder || ' ' || kind FROM inbound_messages WHERE mailbox_id = ?")
			.param(sender.mailbox().id())
			.query(String.class)
			.list()).containsExactly("DMARC dmarc_report");
		assertThat(reports.places(sender.account().owner())).extracting(DmarcReports.Place::folder)
			.containsExactly("DMARC");
		assertThat(reported(sender.account().workspaceId())).isEqualTo(42);

		reports.clearPlace(sender.account().owner(), sender.mailbox().id());
		assertThat(sync.sync(sender.account().workspaceId(), sender.mailbox().id()).folders()).doesNotContain("DMARC");
	}

	private static void appendTo(InboundFixtures.Sender sender, String folder, String raw) throws Exception {
		Session session = Session.getInstance(new Properties());
		try (Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", mail.getImap().getPort(), sender.mailbox().email(), "secret");
			Folder target = store.getFolder(folder);
			if (!target.exists()) {
				target.create(Folder.HOLDS_MESSAGES);
			}
			target.open(Folder.READ_WRITE);
			target.appendMessages(new Message[] { new MimeMessage(session,
					new java.io.ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII))) });
			target.close(false);
		}
	}

}
