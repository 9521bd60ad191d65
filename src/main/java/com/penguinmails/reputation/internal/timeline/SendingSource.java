package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.SendingDays;
import com.penguinmails.inbound.FeedbackDays;

/**
 * Sent, delivered, bounces by reason and complaints of the mailboxes behind a subject:
 * from delivery's outbox ({@link SendingDays}: sent and accepted on the day of sending,
 * refusals at SMTP time on the day of the last attempt) and inbound's bounces and
 * complaints ({@link FeedbackDays}, on the day they came). Delivered is accepted and not
 * named by a bounce received since.
 */
@Component
class SendingSource implements DailySource {

	private final SendingDays sending;

	private final FeedbackDays feedback;

	private final MailboxSubjects subjects;

	SendingSource(SendingDays sending, FeedbackDays feedback, MailboxSubjects subjects) {
		this.sending = sending;
		this.feedback = feedback;
		this.subjects = subjects;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		Set<UUID> mailboxes = new HashSet<>(subjects.mailboxesOf(workspaceId, subject));
		if (mailboxes.isEmpty()) {
			return List.of();
		}
		Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
		List<UUID> bounced = feedback.bouncedMessages(workspaceId, from);
		for (SendingDays.Day day : sending.daily(workspaceId, from, to, bounced)) {
			if (mailboxes.contains(day.mailboxId())) {
				add(days, day.day(), DailyFigure.SENT, day.sent());
				add(days, day.day(), DailyFigure.DELIVERED, day.acceptedNotBounced());
			}
		}
		for (SendingDays.Refusal refusal : sending.refusals(workspaceId, from, to)) {
			if (mailboxes.contains(refusal.mailboxId())) {
				add(days, refusal.day(), DailyFigure.BOUNCED_PREFIX + refusal.reason().key(), 1);
			}
		}
		for (FeedbackDays.Count count : feedback.daily(workspaceId, from, to)) {
			if (mailboxes.contains(count.mailboxId())) {
				add(days, count.day(),
						count.complaint() ? DailyFigure.COMPLAINTS : DailyFigure.BOUNCED_PREFIX + count.reason(),
						count.count());
			}
		}
		List<DailyFigure> figures = new ArrayList<>();
		days.forEach(
				(day, values) -> values.forEach((name, value) -> figures.add(new DailyFigure(day, name, value, null))));
		return figures;
	}

	private static void add(Map<LocalDate, Map<String, Double>> days, LocalDate day, String name, double value) {
		days.computeIfAbsent(day, d -> new TreeMap<>()).merge(name, value, Double::sum);
	}

	@Override
	public List<Subject> subjects(UUID workspaceId) {
		List<Subject> all = new ArrayList<>();
		for (MailboxSubjects.Sender sender : subjects.senders(workspaceId)) {
			all.add(Subject.mailbox(sender.mailboxId()));
			all.add(Subject.domain(sender.domain()));
			if (sender.ip() != null) {
				all.add(Subject.ip(sender.ip()));
			}
		}
		return all;
	}

}
