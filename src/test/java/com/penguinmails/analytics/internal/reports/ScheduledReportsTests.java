package com.penguinmails.analytics.internal.reports;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Scheduled reports end to end, through the real mail path into GreenMail (the sandbox's
 * SMTP server, which account mail reaches in tests): a weekly report in Europe/Paris
 * arrives at 08:00 local time on both sides of the spring-forward change (07:00Z, then
 * 06:00Z) with its CSV attached; a file over the attachment limit goes as a signed link
 * that downloads without login, while a forged or expired token is 404; a member removed
 * since the schedule was made gets nothing and the run says so.
 */
@IntegrationTest
class ScheduledReportsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportSchedules schedules;

	@Autowired
	ReportRunner runner;

	@Autowired
	DownloadTokens tokens;

	@Autowired
	GreenMail greenMail;

	@Autowired
	MockMvc mvc;

	Account parisWorkspace(String name) {
		Account owner = fixtures.verifiedAccount(name);
		// The workspace's time zone is its owner's.
		fixtures.jdbc().sql("UPDATE users SET time_zone = 'Europe/Paris' WHERE id = ?").param(owner.userId()).update();
		return owner;
	}

	void dueAt(ReportSchedule schedule, Instant at) {
		fixtures.jdbc()
			.sql("UPDATE analytics_report_schedules SET next_run_at = ? WHERE id = ?")
			.params(Timestamp.from(at), schedule.id())
			.update();
	}

	List<MimeMessage> mailsTo(String email, String subjectPart) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			Address[] to = message.getRecipients(Message.RecipientType.TO);
			if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(email))
					&& message.getSubject().contains(subjectPart)) {
				found.add(message);
			}
		}
		return found;
	}

	static Part attachment(MimeMessage message) throws Exception {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				return part;
			}
		}
		return null;
	}

	static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			StringBuilder all = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				all.append(text(multipart.getBodyPart(i)));
			}
			return all.toString();
		}
		return "";
	}

	static List<CSVRecord> csv(InputStream in) throws Exception {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new InputStreamReader(in, StandardCharsets.UTF_8))
			.getRecords();
	}

	@Test
	void aWeeklyReportArrivesAtEightLocalTimeOnBothSidesOfTheSpringForwardChange() throws Exception {
		Account owner = parisWorkspace("report-dst");
		Account member = fixtures.verifiedAccount("report-dst-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		ReportSchedule schedule = schedules.create(owner.owner(),
				new ScheduleForm("Weekly DST overview", "overview", "last_7_days", List.of(), "csv", "weekly", 1, null,
						"08:00", List.of(owner.userId(), member.userId()), false));
		// Monday 23 March 2026, 08:00 CET = 07:00Z; the clocks change on Sunday 29 March.
		Instant winter = NextRun.after(Instant.parse("2026-03-16T12:00:00Z"),
				schedule.timing(java.time.ZoneId.of("Europe/Paris")));
		assertThat(winter).isEqualTo("2026-03-23T07:00:00Z");
		dueAt(schedule, winter);

		assertThat(runner.runDue(winter.minusSeconds(60))).isZero();
		assertThat(mailsTo(owner.email(), "Weekly DST overview")).isEmpty();

		runner.runDue(winter.plusSeconds(5));
		List<MimeMessage> first = mailsTo(owner.email(), "Weekly DST overview");
		assertThat(first).hasSize(1);
		assertThat(mailsTo(member.email(), "Weekly DST overview")).hasSize(1);
		MimeMessage message = first.get(0);
		assertThat(message.getSubject()).isEqualTo("Report: Weekly DST overview (16 Mar 2026 – 22 Mar 2026)");
		Part file = attachment(message);
		assertThat(file).isNotNull();
		assertThat(file.getFileName()).isEqualTo("overview-2026-03-16-2026-03-22.csv");
		assertThat(file.getContentType()).startsWith("text/csv");
		List<CSVRecord> rows = csv(file.getInputStream());
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("Period")).isEqualTo("This period");
		assertThat(rows.get(0).get("Sent")).isEqualTo("0");
		assertThat(text(message)).contains("16 Mar 2026 – 22 Mar 2026 (Europe/Paris)");

		// Next Monday, after the change: 08:00 CEST = 06:00Z.
		Instant summer = schedules.get(owner.owner(), schedule.id()).nextRunAt();
		assertThat(summer).isEqualTo("2026-03-30T06:00:00Z");
		assertThat(runner.runDue(summer.minusSeconds(60))).isZero();
		assertThat(mailsTo(owner.email(), "Weekly DST overview")).hasSize(1);
		runner.runDue(summer.plusSeconds(5));
		assertThat(mailsTo(owner.email(), "Weekly DST overview")).hasSize(2)
			.anySatisfy(m -> assertThat(m.getSubject()).contains("23 Mar 2026 – 29 Mar 2026"));

		List<ReportRun> history = schedules.runs(owner.owner(), schedule.id());
		assertThat(history).hasSize(2).allSatisfy(run -> {
			assertThat(run.status()).isEqualTo("sent");
			assertThat(run.delivery()).isEqualTo("attached");
			assertThat(run.recipients()).isEqualTo(2);
			assertThat(run.trigger()).isEqualTo("schedule");
		});
		assertThat(history.get(0).from()).isEqualTo("2026-03-23");
		assertThat(schedules.get(owner.owner(), schedule.id()).nextRunAt()).isEqualTo("2026-04-06T06:00:00Z");
		schedules.pause(owner.owner(), schedule.id(), true);
	}

	@Test
	void aFileOverTheLimitGoesAsASignedLinkThatOnlyItsTokenOpensUntilItExpires() throws Exception {
		Account owner = parisWorkspace("report-link");
		// Day by day over 30 days: 30 rows, over the tests' 1 KB attachment limit.
		ReportSchedule schedule = schedules.create(owner.owner(), new ScheduleForm("Big daily", "daily", "last_30_days",
				List.of(), "csv", "daily", null, null, "07:00", List.of(owner.userId()), false));
		Instant now = Instant.now();
		dueAt(schedule, now.minusSeconds(30));
		runner.runDue(now);

		List<MimeMessage> mails = mailsTo(owner.email(), "Big daily");
		assertThat(mails).hasSize(1);
		assertThat(attachment(mails.get(0))).isNull();
		String body = text(mails.get(0));
		Matcher link = Pattern.compile("https?://[^\\s\"<>]*(/analytics/reports/download/[A-Za-z0-9_\\-]+)")
			.matcher(body);
		assertThat(link.find()).as(body).isTrue();
		String path = link.group(1);

		ReportRun run = schedules.runs(owner.owner(), schedule.id()).get(0);
		assertThat(run.delivery()).isEqualTo("link");
		assertThat(run.sizeBytes()).isGreaterThan(1024);
		assertThat(run.expiresAt()).isAfter(now.plus(Duration.ofDays(6)));

		// No session, no login: the token is the credential.
		MvcResult download = mvc.perform(get(path)).andReturn();
		assertThat(download.getResponse().getStatus()).isEqualTo(200);
		assertThat(download.getResponse().getContentType()).startsWith("text/csv");
		assertThat(download.getResponse().getHeader("Content-Disposition")).contains(run.fileName());
		List<CSVRecord> rows = csv(new java.io.ByteArrayInputStream(download.getResponse().getContentAsByteArray()));
		assertThat(rows).hasSize(30);
		assertThat(rows.get(29).get("Day")).isEqualTo(run.to().toString());

		// A forged token (one character changed), a token expired by its own date, and a
		// garbage token are all 404.
		String token = path.substring(path.lastIndexOf('/') + 1);
		char c = token.charAt(5);
		String forged = token.substring(0, 5) + (c == 'A' ? 'B' : 'A') + token.substring(6);
		assertThat(mvc.perform(get("/analytics/reports/download/" + forged)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		String expired = tokens.mint(run.id(), now.minusSeconds(1));
		assertThat(mvc.perform(get("/analytics/reports/download/" + expired)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(get("/analytics/reports/download/nonsense")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		// Once the kept file has expired (the link's 7 days are over), the genuine token
		// is
		// 404 too, and housekeeping drops the file.
		fixtures.jdbc()
			.sql("UPDATE analytics_report_runs SET expires_at = ? WHERE id = ?")
			.params(Timestamp.from(now.minusSeconds(1)), run.id())
			.update();
		assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(runner.dropExpiredFiles()).isGreaterThanOrEqualTo(1);
		schedules.pause(owner.owner(), schedule.id(), true);
	}

	@Test
	void aMemberRemovedSinceTheScheduleWasMadeGetsNothingAndTheRunSaysSo() throws Exception {
		Account owner = parisWorkspace("report-removed");
		Account leaver = fixtures.verifiedAccount("report-leaver");
		fixtures.join(owner, leaver, WorkspaceRole.VIEWER);
		ReportSchedule schedule = schedules.create(owner.owner(),
				new ScheduleForm("Funnel for two", "funnel", "last_7_days", List.of(), "csv", "monthly", null, 1,
						"09:00", List.of(owner.userId(), leaver.userId()), false));
		fixtures.jdbc()
			.sql("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(owner.workspaceId(), leaver.userId())
			.update();

		ReportRun run = schedules.sendNow(owner.owner(), schedule.id());

		assertThat(run.status()).isEqualTo("sent");
		assertThat(run.recipients()).isEqualTo(1);
		assertThat(run.trigger()).isEqualTo("manual");
		assertThat(run.skipped()).contains("1 recipient is no longer a member");
		assertThat(mailsTo(owner.email(), "Funnel for two")).hasSize(1);
		assertThat(mailsTo(leaver.email(), "Funnel for two")).isEmpty();
		assertThat(schedules.runs(owner.owner(), schedule.id())).singleElement()
			.satisfies(r -> assertThat(r.skipped()).contains("no longer a member"));
		schedules.pause(owner.owner(), schedule.id(), true);
	}

	@Test
	void aRunWithNoMemberLeftFailsWithItsReasonAndTheOtherDueReportsStillGo() {
		Account owner = parisWorkspace("report-failed");
		Account leaver = fixtures.verifiedAccount("report-failed-leaver");
		fixtures.join(owner, leaver, WorkspaceRole.VIEWER);
		ReportSchedule failing = schedules.create(owner.owner(), new ScheduleForm("Nobody left", "overview", "last_day",
				List.of(), "csv", "daily", null, null, "06:00", List.of(leaver.userId()), false));
		ReportSchedule fine = schedules.create(owner.owner(), new ScheduleForm("Still sent", "overview", "last_day",
				List.of(), "csv", "daily", null, null, "06:00", List.of(owner.userId()), false));
		fixtures.jdbc()
			.sql("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(owner.workspaceId(), leaver.userId())
			.update();
		// Monday 5 January 2026, 06:00 in Paris (05:00Z): due before any other test's.
		Instant due = Instant.parse("2026-01-05T05:00:00Z");
		dueAt(failing, due);
		dueAt(fine, due);

		assertThat(runner.runDue(due.plusSeconds(10))).isEqualTo(2);

		assertThat(schedules.runs(owner.owner(), failing.id())).singleElement().satisfies(r -> {
			assertThat(r.status()).isEqualTo("failed");
			assertThat(r.error()).contains("No recipient is a member");
		});
		assertThat(schedules.runs(owner.owner(), fine.id())).singleElement()
			.satisfies(r -> assertThat(r.status()).isEqualTo("sent"));
		// A failed run moves on like a sent one: tomorrow, 06:00 in Paris.
		assertThat(schedules.get(owner.owner(), failing.id()).nextRunAt()).isEqualTo("2026-01-06T05:00:00Z");
		schedules.pause(owner.owner(), failing.id(), true);
		schedules.pause(owner.owner(), fine.id(), true);
	}

}
