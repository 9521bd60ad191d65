package com.penguinmails.domains;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Bulk onboarding: a CSV of domains and subdomains, one per row, each added on its own
 * (with its DKIM key) and reported with its line number, so a bad row never stops the
 * good ones. Columns, by header: {@code name} (or {@code domain}), and optionally
 * {@code receives_mail}, {@code mx_hosts}, {@code spf_mechanisms}; without a header, the
 * first column is the name. Missing optional values come from the defaults given with the
 * upload.
 */
@Service
public class DomainImport {

	public static final int MAX_ROWS = 2000;

	public record RowResult(long line, String name, String status, String message, Domain domain) {
	}

	public record Result(int created, int failed, List<RowResult> rows) {
	}

	private final Domains domains;

	private final DnsTemplates templates;

	DomainImport(Domains domains, DnsTemplates templates) {
		this.domains = domains;
		this.templates = templates;
	}

	public Result importCsv(Tenant tenant, Reader csv, NewDomain defaults) {
		tenant.require(WorkspaceRole.MEMBER, "domains:write");
		List<RowResult> rows = new ArrayList<>();
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setTrim(true)
			.setIgnoreEmptyLines(true)
			.setCommentMarker('#')
			.get()
			.parse(csv)) {
			Map<String, Integer> header = null;
			for (CSVRecord record : parser) {
				if (header == null && record.getRecordNumber() == 1 && isHeader(record)) {
					header = new java.util.HashMap<>();
					for (int i = 0; i < record.size(); i++) {
						header.put(record.get(i).toLowerCase(Locale.ROOT).replace(' ', '_'), i);
					}
					continue;
				}
				if (rows.size() >= MAX_ROWS) {
					throw new InvalidInputProblem("too-many-rows",
							"At most " + MAX_ROWS + " domains per upload: split the file.");
				}
				rows.add(importRow(tenant, record, parser.getCurrentLineNumber(), header, defaults));
			}
		}
		catch (IOException | IllegalStateException | java.io.UncheckedIOException ex) {
			rows.add(new RowResult(rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1, "", "error",
					"The file could not be read past this line: " + ex.getMessage(), null));
		}
		int created = (int) rows.stream().filter(r -> r.status().equals("created")).count();
		return new Result(created, rows.size() - created, rows);
	}

	/**
	 * {@code line}: the parser's line when the record ends (a quoted field may span
	 * lines).
	 */
	private RowResult importRow(Tenant tenant, CSVRecord record, long line, Map<String, Integer> header,
			NewDomain defaults) {
		String name = value(record, header, 0, "name", "domain");
		if (name == null || name.isBlank()) {
			return new RowResult(line, "", "error", "No domain name in this row.", null);
		}
		try {
			String receives = value(record, header, -1, "receives_mail");
			String mx = value(record, header, -1, "mx_hosts");
			String spf = value(record, header, -1, "spf_mechanisms");
			NewDomain request = new NewDomain(name,
					receives == null || receives.isBlank() ? defaults.receivesMail()
							: receives.equalsIgnoreCase("true") || receives.equalsIgnoreCase("yes")
									|| receives.equals("1"),
					mx == null || mx.isBlank() ? defaults.mxHosts() : mx,
					spf == null || spf.isBlank() ? defaults.spfMechanisms() : spf);
			String templateName = value(record, header, -1, "template");
			if (templateName != null && !templateName.isBlank()) {
				request = templates.findByName(tenant, templateName)
					.orElseThrow(() -> new InvalidInputProblem("unknown-template",
							"No DNS template named " + templateName + "."))
					.applyTo(request);
			}
			Domain domain = domains.add(tenant, request);
			return new RowResult(line, domain.name(), "created",
					"Added with DKIM selector " + domain.dkimSelector() + ".", domain);
		}
		catch (Problem problem) {
			return new RowResult(line, name, "error", problem.getMessage(), null);
		}
	}

	private static boolean isHeader(CSVRecord record) {
		String first = record.get(0).toLowerCase(Locale.ROOT);
		return first.equals("name") || first.equals("domain");
	}

	private static String value(CSVRecord record, Map<String, Integer> header, int position, String... names) {
		if (header == null) {
			return position >= 0 && position < record.size() ? record.get(position) : null;
		}
		for (String name : names) {
			Integer index = header.get(name);
			if (index != null && index < record.size()) {
				return record.get(index);
			}
		}
		return null;
	}

}
