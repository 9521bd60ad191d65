package com.penguinmails.sandbox;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox shows a caught message only to someone who could read that mailbox anyway:
 * a stranger cannot ask for a password reset of any address and read the link.
 */
@IntegrationTest
class SandboxAccessTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SandboxMailbox sandbox;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	MockMvc mvc;

	String caughtFor(String to, String subject) {
		return sandbox.messages()
			.stream()
			.filter(mail -> mail.addressedTo(to) && mail.subject().contains(subject))
			.findFirst()
			.orElseThrow()
			.id();
	}

	@Test
	void aStrangerCannotReadSomeoneElsesPasswordResetLink() throws Exception {
		Account victim = fixtures.verifiedAccount("victim");
		WebSession stranger = fixtures.browser();
		stranger.post("/forgot-password", "email", victim.email());
		String reset = caughtFor(victim.email(), "Reset your PenguinMails password");

		assertThat(stranger.get("/sandbox/mail").getResponse().getRedirectedUrl()).isEqualTo("/login");
		assertThat(stranger.get("/sandbox/mail/" + reset).getResponse().getRedirectedUrl()).isEqualTo("/login");

		// Signed in with an account of their own, they still see only their own mail.
		Account attacker = fixtures.verifiedAccount("attacker");
		WebSession signedIn = fixtures.signedIn(attacker);
		assertThat(signedIn.get("/sandbox/mail").getResponse().getContentAsString()).doesNotContain(reset)
			.doesNotContain(victim.email());
		assertThat(signedIn.get("/sandbox/mail/" + reset).getResponse().getStatus()).isEqualTo(404);

		// The owner of the address reads it.
		MockHttpServletResponse own = fixtures.signedIn(victim).get("/sandbox/mail/" + reset).getResponse();
		assertThat(own.getStatus()).isEqualTo(200);
		assertThat(own.getContentAsString()).contains("/reset-password?token=");
	}

	@Test
	void aClientOnThisMachineReadsItsConfirmationBeforeHavingAnAccountButNotThroughAProxy() throws Exception {
		String email = Fixtures.uniqueEmail("newcomer");
		WebSession local = new WebSession(mvc, "127.0.0.1");
		local.post("/signup", "email", email, "password", Fixtures.PASSWORD, "displayName", "New", "workspaceName", "",
				"timeZone", "UTC");
		String confirmation = caughtFor(email, "Confirm your email address");
		assertThat(local.get("/sandbox/mail").getResponse().getContentAsString()).contains(confirmation);
		assertThat(local.get("/sandbox/mail/" + confirmation).getResponse().getContentAsString())
			.contains("/verify-email?token=");

		// The same loopback address, relayed by a reverse proxy on this host: a stranger.
		MockHttpServletResponse proxied = mvc.perform(MockMvcRequestBuilders.get("/sandbox/mail/" + confirmation)
			.header("X-Forwarded-For", "203.0.113.9")
			.with(request -> {
				request.setRemoteAddr("127.0.0.1");
				return request;
			})).andReturn().getResponse();
		assertThat(proxied.getRedirectedUrl()).isEqualTo("/login");
	}

	@Test
	void answeringNeedsASignedInMemberOfTheSendingWorkspace() throws Exception {
		Account owner = fixtures.verifiedAccount("sandbox-owner");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Mailbox me = mailboxes.add(owner.owner(),
				new NewMailbox("me-" + tag + "@answer-rights.test", "Me", "sandbox", null, null, "", "", 30, 0, 0));
		mailboxes.sendTest(owner.owner(), me.id(), "lead-" + tag + "@example.test",
				(to) -> message(me, to, "Hello " + tag));
		String caught = caughtFor("lead-" + tag + "@example.test", tag);

		// Its headers are there to check (Message-ID, and a campaign's DKIM-Signature).
		assertThat(fixtures.signedIn(owner).get("/sandbox/mail/" + caught).getResponse().getContentAsString())
			.contains("id=\"mail-headers\"")
			.contains("Message-ID:");

		// Anonymous, even on this machine: no.
		assertThat(new WebSession(mvc, "127.0.0.1").post("/sandbox/mail/" + caught + "/answer", "kind", "reply")
			.getResponse()
			.getStatus()).isEqualTo(403);
		// Another workspace: it does not exist for them.
		WebSession other = fixtures.signedIn(fixtures.verifiedAccount("sandbox-other"));
		assertThat(other.get("/sandbox/mail/" + caught).getResponse().getStatus()).isEqualTo(404);
		assertThat(other.post("/sandbox/mail/" + caught + "/answer", "kind", "reply").getResponse().getStatus())
			.isEqualTo(404);
		// A viewer of the workspace reads it (from any of their workspaces) but may not
		// answer.
		Account viewer = fixtures.verifiedAccount("sandbox-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		WebSession viewing = fixtures.signedIn(viewer);
		viewing.post("/workspaces/switch", "workspaceId", viewer.workspaceId().toString());
		assertThat(viewing.get("/sandbox/mail").getResponse().getContentAsString()).contains(caught);
		MockHttpServletResponse viewed = viewing.get("/sandbox/mail/" + caught).getResponse();
		assertThat(viewed.getStatus()).isEqualTo(200);
		assertThat(viewed.getContentAsString()).doesNotContain("Mark as spam");
		assertThat(viewing.post("/sandbox/mail/" + caught + "/answer", "kind", "reply").getResponse().getStatus())
			.isEqualTo(403);
		assertThat(sandbox.messages().stream().filter(mail -> mail.subject().equals("Re: Hello " + tag))).isEmpty();

		// The owner answers that very message, although newer mail arrived since.
		mailboxes.sendTest(owner.owner(), me.id(), "lead-" + tag + "@example.test",
				(to) -> message(me, to, "Later " + tag));
		MockHttpServletResponse answered = fixtures.signedIn(owner)
			.post("/sandbox/mail/" + caught + "/answer", "kind", "reply")
			.getResponse();
		assertThat(answered.getRedirectedUrl()).isEqualTo("/sandbox/mail/" + caught);
		assertThat(sandbox.messages()).anyMatch(mail -> mail.subject().equals("Re: Hello " + tag))
			.noneMatch(mail -> mail.subject().equals("Re: Later " + tag));
	}

	@Test
	void mailIsNewestFirstAndItsAttachmentsAreListedAndDownloaded() throws Exception {
		Account owner = fixtures.verifiedAccount("sandbox-files");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Mailbox me = mailboxes.add(owner.owner(),
				new NewMailbox("files-" + tag + "@attachments.test", "Me", "sandbox", null, null, "", "", 30, 0, 0));
		String to = "lead-" + tag + "@example.test";
		java.time.Instant now = java.time.Instant.now();
		mailboxes.sendTest(owner.owner(), me.id(), to, (rcpt) -> withFile(message(me, rcpt, "Newer " + tag), now));
		// Caught after, but written an hour before: listed after.
		mailboxes.sendTest(owner.owner(), me.id(), to,
				(rcpt) -> dated(message(me, rcpt, "Older " + tag), now.minusSeconds(3600)));
		java.util.List<String> subjects = sandbox.messages()
			.stream()
			.map(SandboxMail::subject)
			.filter(subject -> subject.endsWith(tag))
			.toList();
		assertThat(subjects).containsExactly("Newer " + tag, "Older " + tag);

		WebSession session = fixtures.signedIn(owner);
		assertThat(session.get("/sandbox/mail").getResponse().getContentAsString()).contains("· 1 attachment");
		String caught = caughtFor(to, "Newer " + tag);
		String page = session.get("/sandbox/mail/" + caught).getResponse().getContentAsString();
		assertThat(page).contains("id=\"mail-attachments\"", "Relevé Q4.csv", "text/csv, 24 bytes");
		MockHttpServletResponse file = session.get("/sandbox/mail/" + caught + "/attachments/0").getResponse();
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentType()).isEqualTo("application/octet-stream");
		assertThat(file.getHeader("Content-Disposition")).startsWith("attachment;").contains("UTF-8''Relev");
		assertThat(file.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("email,amount\n=1+1,10.00\n");
		assertThat(session.get("/sandbox/mail/" + caught + "/attachments/1").getResponse().getStatus()).isEqualTo(404);
		// Another workspace cannot download it.
		assertThat(fixtures.signedIn(fixtures.verifiedAccount("sandbox-files-other"))
			.get("/sandbox/mail/" + caught + "/attachments/0")
			.getResponse()
			.getStatus()).isEqualTo(404);
		// The owner's own system mail says why it cannot be answered (not "log in").
		String confirmation = sandbox.messages()
			.stream()
			.filter(mail -> mail.addressedTo(owner.email()))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(session.get("/sandbox/mail/" + confirmation).getResponse().getContentAsString())
			.contains("not sent by a mailbox of your workspaces")
			.doesNotContain("Log in as a member");
	}

	private static jakarta.mail.internet.MimeMessage withFile(jakarta.mail.internet.MimeMessage message,
			java.time.Instant date) {
		try {
			jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
			text.setText("The report is attached.");
			jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
			file.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
					"email,amount\n=1+1,10.00\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
					"text/csv; charset=UTF-8")));
			file.setDisposition(jakarta.mail.Part.ATTACHMENT);
			file.setFileName(jakarta.mail.internet.MimeUtility.encodeText("Relevé Q4.csv", "UTF-8", null));
			file.setHeader("Content-Transfer-Encoding", "base64");
			message.setContent(new jakarta.mail.internet.MimeMultipart(text, file));
			return dated(message, date);
		}
		catch (jakarta.mail.MessagingException | java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static jakarta.mail.internet.MimeMessage dated(jakarta.mail.internet.MimeMessage message,
			java.time.Instant date) {
		try {
			message.setSentDate(java.util.Date.from(date));
			message.saveChanges();
			return message;
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A plain test message from the mailbox. */
	private static jakarta.mail.internet.MimeMessage message(Mailbox from, String to, String subject) {
		try {
			jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
					jakarta.mail.Session.getInstance(new java.util.Properties()));
			message.setFrom(new jakarta.mail.internet.InternetAddress(from.email()));
			message.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
			message.setSubject(subject);
			message.setText("Hi");
			message.saveChanges();
			return message;
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
