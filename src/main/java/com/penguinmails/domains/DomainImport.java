package com.penguinmails.domains;

import java.io.Reader;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.CsvRows;
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
		List<RowResult> rows = CsvRows.importRows(csv, Set.of("name", "domain"), MAX_ROWS,
				"At most " + MAX_ROWS + " domains per upload: split the file.",
				(row) -> importRow(tenant, row, defaults), RowResult::line,
				(line, reason) -> new RowResult(line, "", "error", reason, null));
		int created = (int) rows.stream().filter(r -> r.status().equals("created")).count();
		return new Result(created, rows.size() - created, rows);
	}

	private RowResult importRow(Tenant tenant, CsvRows.Row row, NewDomain defaults) {
		long line = row.line();
		String name = row.get(0, "name", "domain");
		if (name == null || name.isBlank()) {
			return new RowResult(line, "", "error", "No domain name in this row.", null);
		}
		try {
			String receives = row.get("receives_mail");
			String mx = row.get("mx_hosts");
			String spf = row.get("spf_mechanisms");
			NewDomain request = new NewDomain(name,
					receives == null || receives.isBlank() ? defaults.receivesMail()
							: receives.equalsIgnoreCase("true") || receives.equalsIgnoreCase("yes")
									|| receives.equals("1"),
					mx == null || mx.isBlank() ? defaults.mxHosts() : mx,
					spf == null || spf.isBlank() ? defaults.spfMechanisms() : spf);
			String templateName = row.get("template");
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

}
