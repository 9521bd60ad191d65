package com.penguinmails.secrets.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SystemCheck;

/**
 * {@code secrets.readable}: every registered secret column, up to {@value #SAMPLE} rows
 * each, against the configured keys: failing when a secret is wrapped by no configured
 * key (a master key removed too early, a wrong key on this node), a warning while some
 * are still wrapped by an earlier key (a rotation not finished by {@code secrets
 * rewrap}), ok otherwise. The first row of each column is also unwrapped for real, so an
 * unreachable Vault shows here.
 */
@Component
class SecretsReadableCheck implements SystemCheck {

	static final int SAMPLE = 100_000;

	private final SecretsSweep sweep;

	SecretsReadableCheck(JdbcClient jdbc, Secrets secrets) {
		this.sweep = new SecretsSweep(jdbc, secrets);
	}

	@Override
	public String key() {
		return "secrets.readable";
	}

	@Override
	public String title() {
		return "Secrets are readable with the configured keys";
	}

	@Override
	public Result run() {
		try {
			long current = 0;
			long previous = 0;
			List<String> unreadable = new ArrayList<>();
			List<String> notUnwrapped = new ArrayList<>();
			for (SecretColumns.Column column : SecretColumns.ALL) {
				SecretsSweep.Counts counts = sweep.sweep(column, false, 1000, SAMPLE);
				current += counts.current();
				previous += counts.previous();
				if (counts.unreadable() > 0) {
					unreadable.add(column.name() + " (" + counts.unreadable() + ")");
				}
				if (!sweep.firstUnwraps(column)) {
					notUnwrapped.add(column.name());
				}
			}
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("current", current);
			figures.put("wrapped_by_earlier_key", previous);
			figures.put("unreadable_columns", unreadable.size());
			if (!unreadable.isEmpty() || !notUnwrapped.isEmpty()) {
				return Result.failing(
						"Secrets no configured key unwraps: "
								+ String.join(", ", unreadable.isEmpty() ? notUnwrapped : unreadable),
						"Configure the key that wrapped them: the master key used before (as "
								+ "PENGUINMAILS_MASTER_KEYS_PREVIOUS), or the Vault address, token and transit key; "
								+ "check every node has the same keys",
						figures);
			}
			if (previous > 0) {
				return Result.warning(previous + " secrets are still wrapped by an earlier key",
						"Re-wrap them (Re-wrap now on /system/secrets, or `java -jar penguinmails.jar secrets rewrap`), "
								+ "then remove the earlier key",
						figures);
			}
			return Result.ok(current + " secrets, all wrapped by the current key", figures);
		}
		catch (RuntimeException ex) {
			return Result.unknown("Could not read the secret columns: " + ex.getMessage(),
					"Check the database is reachable");
		}
	}

}
