package com.penguinmails.backups;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.backups.internal.BackupEngine;
import com.penguinmails.backups.internal.RestoreContext;
import com.penguinmails.backups.internal.Restorer;

/**
 * {@code java -jar penguinmails.jar restore <backup file | s3://bucket/key | backup id>
 * [--yes]}: restores a backup into the configured database (the embedded one in the data
 * directory, or {@code PENGUINMAILS_DB_URL}) with the application stopped. Needs the
 * master key the backup was made with. A database holding data is replaced only with
 * {@code --yes}. Prints rows per table; the exit status is 0 on success, 1 on failure, 2
 * on wrong usage.
 */
public final class RestoreCommand {

	private RestoreCommand() {
	}

	/** Whether the command line asks for this command. */
	public static boolean handles(String[] args) {
		return args.length > 0 && "restore".equals(args[0]);
	}

	/** Runs the command; returns the exit status. */
	public static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		List<String> rest = Arrays.stream(args).skip(1).filter(arg -> !arg.startsWith("--")).toList();
		boolean yes = Arrays.asList(args).contains("--yes");
		if (rest.size() != 1) {
			err.println(
					"Usage: java -jar penguinmails.jar restore <backup file | s3://bucket/key | backup id> [--yes]");
			return 2;
		}
		String[] springArgs = Arrays.stream(args)
			.filter(arg -> arg.startsWith("--") && arg.contains("="))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RestoreContext.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.run(springArgs)) {
			Restorer restorer = new Restorer(context.getBean(BackupEngine.class), context.getBean(DataSource.class),
					out);
			restorer.restore(rest.get(0), yes);
			return 0;
		}
		catch (RuntimeException | java.io.IOException | java.sql.SQLException ex) {
			err.println("Restore failed: " + ex.getMessage());
			return 1;
		}
	}

}
