package com.penguinmails.templates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.internal.TemplateRepository;

/**
 * A template's history: its versions, two of them compared line by line (Myers' diff,
 * java-diff-utils), and restoring one (a new version with its content: the old ones
 * stay).
 */
@Service
public class TemplateVersions {

	/**
	 * One saved version. @param savedAt when it was saved @param savedBy the user's
	 * email, or an empty string when unknown (an API key, a removed member)
	 */
	public record Summary(int version, Instant savedAt, String savedBy, String subject, TemplateEditor editor) {
	}

	/** How a line of a comparison changed from the older version to the newer. */
	public enum Change {

		SAME("Same"), ADDED("Added"), REMOVED("Removed"), CHANGED("Changed");

		private final String label;

		Change(String label) {
			this.label = label;
		}

		@com.fasterxml.jackson.annotation.JsonValue
		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The word a person reads beside the line. */
		public String label() {
			return label;
		}

	}

	/**
	 * A row of a side-by-side comparison. @param fromLine 1-based line number in the
	 * {@code from} version, null when the line was added @param toLine in the {@code to}
	 * version, null when the line was removed
	 */
	public record DiffRow(Change change, Integer fromLine, String from, Integer toLine, String to) {
	}

	/**
	 * Two versions compared: the subject, the HTML, the plain text (empty when generated)
	 * and the visual editor's MJML source (empty when none), each as side-by-side rows.
	 */
	public record Comparison(Summary from, Summary to, List<DiffRow> subject, List<DiffRow> html, List<DiffRow> text,
			List<DiffRow> source) {
	}

	private final Templates templates;

	private final TemplateRepository repository;

	private final WorkspaceDirectory directory;

	private final Clock clock;

	TemplateVersions(Templates templates, TemplateRepository repository, WorkspaceDirectory directory, Clock clock) {
		this.templates = templates;
		this.repository = repository;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Every version, newest first. @throws com.penguinmails.shared.NotFoundProblem for a
	 * template not in the workspace
	 */
	public List<Summary> list(Tenant tenant, UUID id) {
		return templates.versions(tenant, id).stream().map(v -> summary(tenant, v)).toList();
	}

	/**
	 * Compares version {@code from} with version {@code to}. @throws
	 * com.penguinmails.shared.NotFoundProblem for an unknown template or version
	 */
	public Comparison compare(Tenant tenant, UUID id, int from, int to) {
		EmailTemplate older = templates.version(tenant, id, from);
		EmailTemplate newer = templates.version(tenant, id, to);
		return new Comparison(summary(tenant, older), summary(tenant, newer), diff(older.subject(), newer.subject()),
				diff(older.html(), newer.html()), diff(older.text(), newer.text()),
				diff(older.source(), newer.source()));
	}

	/**
	 * Saves version {@code version}'s subject and body (and editor, source) as the newest
	 * version; the name stays. @return the new version @throws
	 * com.penguinmails.shared.NotFoundProblem for an unknown template or version
	 */
	@Transactional
	public EmailTemplate restore(Tenant tenant, UUID id, int version) {
		tenant.require(WorkspaceRole.MEMBER, "templates:write");
		EmailTemplate old = templates.version(tenant, id, version);
		EmailTemplate latest = templates.get(tenant, id);
		repository.insertVersion(tenant.workspaceId(), id, latest.version() + 1,
				new TemplateRepository.Content(old.subject(), old.html(), old.text(), old.editor(), old.source()),
				tenant.userId(), clock.instant());
		return templates.get(tenant, id);
	}

	/** Side-by-side rows: a replaced block pairs its removed and added lines. */
	static List<DiffRow> diff(String from, String to) {
		List<String> a = lines(from);
		List<String> b = lines(to);
		List<DiffRow> rows = new ArrayList<>();
		int i = 0;
		int j = 0;
		for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
			while (i < delta.getSource().getPosition()) {
				rows.add(new DiffRow(Change.SAME, i + 1, a.get(i), j + 1, b.get(j)));
				i++;
				j++;
			}
			List<String> removed = delta.getSource().getLines();
			List<String> added = delta.getTarget().getLines();
			for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
				boolean old = k < removed.size();
				boolean nu = k < added.size();
				Change change = old && nu ? Change.CHANGED : old ? Change.REMOVED : Change.ADDED;
				rows.add(new DiffRow(change, old ? ++i : null, old ? removed.get(k) : null, nu ? ++j : null,
						nu ? added.get(k) : null));
			}
		}
		while (i < a.size()) {
			rows.add(new DiffRow(Change.SAME, i + 1, a.get(i), j + 1, b.get(j)));
			i++;
			j++;
		}
		return rows;
	}

	private static List<String> lines(String content) {
		return content == null || content.isEmpty() ? List.of()
				: List.of(content.replace("\r\n", "\n").split("\n", -1));
	}

	private Summary summary(Tenant tenant, EmailTemplate version) {
		String who = version.savedBy() == null ? "" : directory.memberEmail(tenant.workspaceId(), version.savedBy());
		return new Summary(version.version(), version.updatedAt(), who, version.subject(), version.editor());
	}

}
