package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Day;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.Overview;
import com.penguinmails.analytics.AnalyticsViews.Stage;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.analytics.ReportTable.Column;
import com.penguinmails.analytics.ReportTable.Kind;

/** Each workspace analytics view as a {@link ReportTable}. */
final class ReportTables {

	/** The figures columns every breakdown has, after its label column. */
	private static final List<Column> FIGURES = List.of(new Column("Sent", Kind.COUNT),
			new Column("Delivered", Kind.COUNT), new Column("Bounced", Kind.COUNT),
			new Column("People contacted", Kind.COUNT), new Column("People opened", Kind.COUNT),
			new Column("People clicked", Kind.COUNT), new Column("People replied", Kind.COUNT),
			new Column("Interested", Kind.COUNT), new Column("Unsubscribed", Kind.COUNT),
			new Column("Complaints", Kind.COUNT), new Column("Delivery rate", Kind.PERCENT),
			new Column("Bounce rate", Kind.PERCENT), new Column("Open rate (people)", Kind.PERCENT),
			new Column("Click rate (people)", Kind.PERCENT), new Column("Reply rate (people)", Kind.PERCENT),
			new Column("Interested rate (people)", Kind.PERCENT));

	private final WorkspaceAnalytics analytics;

	private final Cohorts cohorts;

	private final Recommendations recommendations;

	ReportTables(WorkspaceAnalytics analytics, Cohorts cohorts, Recommendations recommendations) {
		this.analytics = analytics;
		this.cohorts = cohorts;
		this.recommendations = recommendations;
	}

	ReportTable of(UUID ws, ReportView view, AnalyticsFilter filter, String subtitle) {
		return switch (view) {
			case OVERVIEW -> overview(analytics.overview(ws, filter), subtitle);
			case DAILY -> daily(analytics.overview(ws, filter), subtitle);
			case FUNNEL -> funnel(analytics.funnel(ws, filter), subtitle);
			case HEATMAP -> heatmap(analytics.heatmap(ws, filter).cells(), subtitle);
			case MAILBOXES -> entries(view, "Mailbox", analytics.mailboxes(ws, filter), subtitle);
			case DOMAINS -> entries(view, "Sending domain", analytics.domains(ws, filter), subtitle);
			case PROVIDERS -> entries(view, "Recipient provider", analytics.providers(ws, filter), subtitle);
			case CAMPAIGNS -> entries(view, "Campaign", analytics.campaigns(ws, filter), subtitle);
			case VARIANTS -> variants(analytics.variants(ws, filter), subtitle);
			case COHORTS -> cohorts(ws, filter, subtitle);
			case RECOMMENDATIONS -> recommendations(recommendations.of(ws, filter), subtitle);
		};
	}

	static List<Object> figures(Totals t) {
		return List.of(t.sent(), t.delivered(), t.bounced(), t.peopleContacted(), t.peopleOpened(), t.peopleClicked(),
				t.peopleReplied(), t.interested(), t.unsubscribed(), t.complained(), t.deliveryRate(), t.bounceRate(),
				t.openRate(), t.clickRate(), t.replyRate(), t.interestedRate());
	}

	private static List<Column> with(Column first) {
		List<Column> columns = new ArrayList<>();
		columns.add(first);
		columns.addAll(FIGURES);
		return columns;
	}

	private static List<Object> row(Object first, Totals t) {
		List<Object> row = new ArrayList<>();
		row.add(first);
		row.addAll(figures(t));
		return row;
	}

	private static ReportTable overview(Overview overview, String subtitle) {
		List<List<?>> rows = List.of(row("This period", overview.totals()),
				row("Previous period", overview.previous()));
		return new ReportTable(ReportView.OVERVIEW.title(), subtitle, with(new Column("Period", Kind.TEXT)),
				ReportTable.Rows.of(rows), dailyChart(overview));
	}

	private static ReportTable daily(Overview overview, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (Day day : overview.days()) {
			rows.add(row(day.day(), day.totals()));
		}
		return new ReportTable(ReportView.DAILY.title(), subtitle, with(new Column("Day", Kind.DATE)),
				ReportTable.Rows.of(rows), dailyChart(overview));
	}

	private static ReportChart dailyChart(Overview overview) {
		List<String> labels = overview.days().stream().map(d -> d.day().toString()).toList();
		return new ReportChart("Sent and people replied per day", ReportChart.Type.LINE, labels,
				List.of(new ReportChart.Series("Sent", overview.days().stream().map(d -> d.totals().sent()).toList()),
						new ReportChart.Series("People replied",
								overview.days().stream().map(d -> d.totals().peopleReplied()).toList())));
	}

	private static ReportTable funnel(List<Stage> stages, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (Stage stage : stages) {
			rows.add(java.util.Arrays.asList(stage.name(), stage.people(), stage.ofContacted(), stage.ofPrevious()));
		}
		return new ReportTable(ReportView.FUNNEL.title(), subtitle,
				List.of(new Column("Stage", Kind.TEXT), new Column("People", Kind.COUNT),
						new Column("Of people contacted", Kind.PERCENT),
						new Column("Of the stage before", Kind.PERCENT)),
				ReportTable.Rows.of(rows),
				new ReportChart("People at each stage", ReportChart.Type.BAR, stages.stream().map(Stage::name).toList(),
						List.of(new ReportChart.Series("People", stages.stream().map(Stage::people).toList()))));
	}

	private static ReportTable heatmap(List<Cell> cells, String subtitle) {
		String[] days = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
		List<List<?>> rows = new ArrayList<>();
		for (Cell cell : cells) {
			if (cell.sent() > 0 || cell.replied() > 0) {
				rows.add(List.of(days[cell.weekday() - 1], "%02d:00".formatted(cell.hour()), cell.sent(),
						cell.replied(), cell.replyRate()));
			}
		}
		return new ReportTable(ReportView.HEATMAP.title(), subtitle,
				List.of(new Column("Recipient's weekday", Kind.TEXT), new Column("Recipient's hour", Kind.TEXT),
						new Column("Sent", Kind.COUNT), new Column("Replies", Kind.COUNT),
						new Column("Reply rate (per message)", Kind.PERCENT)),
				ReportTable.Rows.of(rows), null);
	}

	private static ReportTable entries(ReportView view, String what, List<Entry> entries, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (Entry entry : entries) {
			rows.add(row(entry.label(), entry.totals()));
		}
		List<Entry> top = entries.stream().limit(12).toList();
		ReportChart chart = new ReportChart("Reply rate (people) by " + what.toLowerCase(java.util.Locale.ROOT),
				ReportChart.Type.BAR, top.stream().map(Entry::label).toList(),
				List.of(new ReportChart.Series("Reply rate", top.stream().map(e -> e.totals().replyRate()).toList())));
		return new ReportTable(view.title(), subtitle, with(new Column(what, Kind.TEXT)), ReportTable.Rows.of(rows),
				chart);
	}

	private ReportTable cohorts(UUID ws, AnalyticsFilter filter, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (String kind : Cohorts.COHORT_KINDS) {
			for (AnalyticsViews.Cohort cohort : cohorts.of(ws, filter, kind)) {
				rows.add(List.of(Cohorts.title(kind), cohort.label(), cohort.contacted(), cohort.replied(),
						cohort.replyRate()));
			}
		}
		return new ReportTable(ReportView.COHORTS.title(), subtitle,
				List.of(new Column("Cohorts", Kind.TEXT), new Column("Cohort", Kind.TEXT),
						new Column("People contacted", Kind.COUNT), new Column("People replied", Kind.COUNT),
						new Column("Reply rate (people)", Kind.PERCENT)),
				ReportTable.Rows.of(rows), null);
	}

	private static ReportTable recommendations(List<Recommendations.Recommendation> found, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (Recommendations.Recommendation r : found) {
			rows.add(List.of(r.title(), r.evidence()));
		}
		return new ReportTable(ReportView.RECOMMENDATIONS.title(), subtitle,
				List.of(new Column("Recommendation", Kind.TEXT), new Column("The figures behind it", Kind.TEXT)),
				ReportTable.Rows.of(rows), null);
	}

	private static ReportTable variants(List<VariantEntry> entries, String subtitle) {
		List<List<?>> rows = new ArrayList<>();
		for (VariantEntry entry : entries) {
			List<Object> row = new ArrayList<>(List.of(entry.campaign(), (long) entry.step(), entry.variant()));
			row.addAll(figures(entry.totals()));
			rows.add(row);
		}
		List<Column> columns = new ArrayList<>(List.of(new Column("Campaign", Kind.TEXT),
				new Column("Step", Kind.COUNT), new Column("Variant", Kind.TEXT)));
		columns.addAll(FIGURES);
		return new ReportTable(ReportView.VARIANTS.title(), subtitle, columns, ReportTable.Rows.of(rows), null);
	}

}
