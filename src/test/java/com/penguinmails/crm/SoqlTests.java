package com.penguinmails.crm;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.crm.internal.Soql;
import com.penguinmails.shared.InvalidInputProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SOQL of a Salesforce import: the SELECT built by us, the user's WHERE condition
 * checked token by token.
 */
class SoqlTests {

	@Test
	void buildsTheSelectWithTheStandardAndCustomFields() {
		assertThat(Soql.select("Contact", List.of("Region__c"), null))
			.isEqualTo("SELECT Id, LastModifiedDate, Account.Name, "
					+ "Account.Website, Email, FirstName, LastName, MailingCountry, Phone, Title, Region__c FROM Contact");
		assertThat(Soql.select("Lead", List.of(), "  where   Status = 'Open'  "))
			.endsWith("FROM Lead WHERE Status = 'Open'");
	}

	@Test
	void acceptsConditionsOfFieldsOperatorsValuesAndDateLiterals() {
		assertThat(Soql.condition("Lead",
				"(LeadSource = 'Web' OR LeadSource LIKE 'Part%') AND CreatedDate >= 2026-01-01T00:00:00Z "
						+ "AND NOT Status IN ('Closed', 'Lost') AND LastModifiedDate = LAST_N_DAYS:30 "
						+ "AND NumberOfEmployees > -1.5 AND Email != null AND Region__c = 'O\\'Brien'"))
			.startsWith("( LeadSource = 'Web' OR");
		assertThat(Soql.condition("Contact", "Account.Industry = 'Banking' AND Account.Tier__c = 'A'")).isNotNull();
		assertThat(Soql.condition("Contact", "   ")).isNull();
	}

	@Test
	void refusesWhatIsNotACondition() {
		for (String bad : List.of("Email = 'a'; DELETE", "Id IN (SELECT ContactId FROM Case)", "Email = 'a' LIMIT 1",
				"Company = 'x'", "Email = 'a' ORDER BY Email", "(Email = 'a'", "Email = 'a')", "Email = 'unclosed",
				"Email = \"a\"", "Secret__x = 1", "Email = :bind", "Owner.Name = 'x'")) {
			assertThatThrownBy(() -> Soql.condition("Contact", bad)).as(bad)
				.isInstanceOf(InvalidInputProblem.class)
				.extracting(e -> ((InvalidInputProblem) e).type())
				.isEqualTo("crm-filter");
		}
		assertThatThrownBy(() -> Soql.condition("Lead", "Email = '" + "a".repeat(1000) + "'"))
			.hasMessageContaining("longer than 1000");
	}

}
