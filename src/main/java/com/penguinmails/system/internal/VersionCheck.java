package com.penguinmails.system.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.SystemStatusReport.Node;

/**
 * The version this node runs, the schema's version and any migration pending (Flyway's
 * {@code info().pending()}), and whether the live nodes all run one version.
 */
@Component
class VersionCheck implements SystemCheck {

	private final ObjectProvider<Flyway> flyway;

	private final Heartbeats heartbeats;

	private final SystemRepository repository;

	private final Clock clock;

	VersionCheck(ObjectProvider<Flyway> flyway, Heartbeats heartbeats, SystemRepository repository, Clock clock) {
		this.flyway = flyway;
		this.heartbeats = heartbeats;
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "version";
	}

	@Override
	public String title() {
		return "Version and migrations";
	}

	@Override
	public Result run() {
		String version = heartbeats.node().version();
		Flyway migrations = flyway.getIfAvailable();
		if (migrations == null) {
			return Result.unknown("Version " + version + "; the schema's migrations cannot be read (Flyway is off).",
					"Enable Flyway (spring.flyway.enabled) so the schema is migrated and checked at start.");
		}
		var info = migrations.info();
		MigrationInfo current = info.current();
		String schema = current == null || current.getVersion() == null ? "none" : current.getVersion().toString();
		List<String> pending = Arrays.stream(info.pending())
			.map(m -> m.getVersion() == null ? m.getDescription() : m.getVersion().toString())
			.toList();
		List<String> versions = repository.nodes(clock.instant())
			.stream()
			.filter(Node::alive)
			.map(Node::version)
			.distinct()
			.sorted()
			.toList();
		var figures = Words.figures("version", version, "schema_version", schema, "pending", pending, "node_versions",
				versions);
		String summary = "Version " + version + ", schema " + schema + ", " + (pending.isEmpty()
				? "no migration pending" : Words.count(pending.size(), "migration", "migrations") + " pending") + ".";
		if (!pending.isEmpty()) {
			return Result.warning(summary,
					"Restart the application so Flyway applies the pending migrations at start; take a backup first.",
					figures);
		}
		if (versions.size() > 1) {
			return Result.warning(summary + " Live nodes run different versions: " + String.join(", ", versions) + ".",
					"Upgrade every node to the same version: a node of an older version may not understand the newer "
							+ "schema.",
					figures);
		}
		return Result.ok(summary, figures);
	}

}
