package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		return daily(workspaceId, List.of(subject), from, to).get(subject);
	}

	/**
	 * Reads the workspace's sending, refusals and feedback once for all the subjects,
	 * then gives each subject the sums of the mailboxes behind it.
	 */
	@Override
	public Map<Subject, List<DailyFigure>> daily(UUID workspaceId, Collection<Subject> subjects, LocalDate from,
			LocalDate to) {
		List<MailboxSubjects.Sender> senders = this.subjects.senders(workspaceId);
		Map<Subject, List<DailyFigure>> all = new LinkedHashMap<>();
		Map<UUID, Map<LocalDate, Map<String, Double>>> byMailbox = senders.stream()
			.anyMatch(s -> subjects.stream().anyMatch(s::under)) ? byMailbox(workspaceId, from, to) : Map.of();
		for (Subject subject : subjects) {
			Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
			senders.stream()
				.filter(s -> s.under(subject))
				.map(s -> byMailbox.getOrDefault(s.mailboxId(), Map.of()))
				.forEach(mailbox -> mailbox
					.forEach((day, values) -> values.forEach((name, value) -> add(days, day, name, value))));
			List<DailyFigure> figures = new ArrayList<>();
			days.forEach((day, values) -> values
				.forEach((name, value) -> figures.add(new DailyFigure(day, name, value, null))));
			all.put(subject, figures);
		}
		return all;
	}

	/** Every mailbox's figures per day: one read of each table for the workspace. */
	private Map<UUID, Map<LocalDate, Map<String, Double>>> byMailbox(UUID workspaceId, LocalDate from, LocalDate to) {
		Map<UUID, Map<LocalDate, Map<String, Double>>> all = new HashMap<>();
		List<UUID> bounced = feedback.bouncedMessages(workspaceId, from);
		for (SendingDays.Day day : sending.daily(workspaceId, from, to, bounced)) {
			Map<LocalDate, Map<String, Double>> days = all.computeIfAbsent(day.mailboxId(), id -> new TreeMap<>());
			add(days, day.day(), DailyFigure.SENT, day.sent());
			add(days, day.day(), DailyFigure.DELIVERED, day.acceptedNotBounced());
		}
		for (SendingDays.Refusal refusal : sending.refusals(workspaceId, from, to)) {
			add(all.computeIfAbsent(refusal.mailboxId(), id -> new TreeMap<>()), refusal.day(),
					DailyFigure.BOUNCED_PREFIX + refusal.reason().key(), 1);
		}
		for (FeedbackDays.Count count : feedback.daily(workspaceId, from, to)) {
			add(all.computeIfAbsent(count.mailboxId(), id -> new TreeMap<>()), count.day(),
					count.complaint() ? DailyFigure.COMPLAINTS : DailyFigure.BOUNCED_PREFIX + count.reason(),
					count.count());
		}
		return all;
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
