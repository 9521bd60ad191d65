package com.penguinmails.secrets;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.secrets.internal.SecretColumns;
import com.penguinmails.secrets.internal.SecretsCommandContext;
import com.penguinmails.secrets.internal.SecretsKeysContext;
import com.penguinmails.secrets.internal.SecretsSweep;
import com.penguinmails.shared.Secrets;

/**
 * {@code java -jar penguinmails.jar secrets <rewrap [--batch=N] | check | derivation-key>},
 * with the same configuration as the application (environment, or {@code --name=value}):
 * <ul>
 * <li>{@code rewrap}: re-wraps the data key of every registered secret with the current
 * key-encryption key (the master key, or Vault's transit key with
 * {@code PENGUINMAILS_SECRETS_BACKEND=vault}), unwrapping with any configured key; the
 * payloads are untouched. Safe while the application runs on other nodes; stopped, it can
 * be run again. Prints counts per column.</li>
 * <li>{@code check}: the same counts without writing: how many secrets each column holds
 * wrapped by the current key, by an earlier one, or by none configured.</li>
 * <li>{@code derivation-key}: prints the derivation key (base64) of the configured master
 * key, to pin as {@code PENGUINMAILS_DERIVATION_KEY} before rotating the master key. It
 * is as secret as the master key.</li>
 * </ul>
 * The exit status is 0 on success, 1 when a secret is unreadable with the configured keys
 * or the command failed, 2 on wrong usage.
 */
public final class SecretsCommand {

	private static final String USAGE = "Usage: java -jar penguinmails.jar secrets <rewrap [--batch=N] | check | "
			+ "derivation-key> [--name=value ...]";

	private SecretsCommand() {
	}

	/** Whether the command line asks for this command. */
	public static boolean handles(String[] args) {
		return args.length > 0 && "secrets".equals(args[0]);
	}

	/** Runs the command; returns the exit status. */
	public static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		List<String> rest = Arrays.stream(args).skip(1).filter(arg -> !arg.startsWith("--")).toList();
		String action = rest.size() == 1 ? rest.get(0) : "";
		int batch = Arrays.stream(args)
			.filter(arg -> arg.startsWith("--batch=") && arg.substring("--batch=".length()).matches("[0-9]{1,6}"))
			.mapToInt(arg -> Integer.parseInt(arg.substring("--batch=".length())))
			.findFirst()
			.orElse(Arrays.stream(args).anyMatch(arg -> arg.startsWith("--batch=")) ? 0 : 500);
		if (!List.of("rewrap", "check", "derivation-key").contains(action) || batch < 1) {
			err.println(USAGE);
			return 2;
		}
		String[] springArgs = Arrays.stream(args)
			.filter(arg -> arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--batch="))
			.toArray(String[]::new);
		Class<?> beans = action.equals("derivation-key") ? SecretsKeysContext.class : SecretsCommandContext.class;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(beans).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.run(springArgs)) {
			Secrets secrets = context.getBean(Secrets.class);
			if (action.equals("derivation-key")) {
				out.println(secrets.derivationKeyToPin());
				return 0;
			}
			SecretsSweep sweep = new SecretsSweep(JdbcClient.create(context.getBean(DataSource.class)), secrets);
			return sweepAll(sweep, action.equals("rewrap"), batch, out, err);
		}
		catch (RuntimeException ex) {
			err.println("secrets " + action + " failed: " + ex.getMessage());
			return 1;
		}
	}

	private static int sweepAll(SecretsSweep sweep, boolean rewrap, int batch, PrintStream out, PrintStream err) {
		long started = System.nanoTime();
		long unreadable = 0;
		long total = 0;
		for (SecretColumns.Column column : SecretColumns.ALL) {
			SecretsSweep.Counts counts = sweep.sweep(column, rewrap, batch, Long.MAX_VALUE);
			unreadable += counts.unreadable();
			total += counts.rewrapped() + counts.previous();
			out.println(rewrap
					? String.format("%-45s %8d rewrapped %8d already current %6d unreadable %6d changed meanwhile",
							counts.column(), counts.rewrapped(), counts.current(), counts.unreadable(),
							counts.changedMeanwhile())
					: String.format("%-45s %8d current %8d wrapped by an earlier key %6d unreadable", counts.column(),
							counts.current(), counts.previous(), counts.unreadable()));
		}
		String took = String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - started) / 1e9);
		out.println(rewrap ? "Rewrapped " + total + " secrets." + took
				: total + " secrets wrapped by an earlier key." + took);
		if (unreadable > 0) {
			err.println(unreadable + " secrets are wrapped by no configured key: add the key that wrapped them to "
					+ "PENGUINMAILS_MASTER_KEYS_PREVIOUS (or configure the Vault that did) and run again.");
			return 1;
		}
		return 0;
	}

}
