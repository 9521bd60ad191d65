package com.penguinmails.contacts;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ImportStatusTests {

	@Test
	void readsTheStoredWordsAndWritesThemInJson() throws Exception {
		assertThat(ImportStatus.of("running")).isEqualTo(ImportStatus.RUNNING);
		assertThat(ImportStatus.of("DONE")).isEqualTo(ImportStatus.DONE);
		assertThatIllegalArgumentException().isThrownBy(() -> ImportStatus.of("paused"));
		assertThat(new ObjectMapper().writeValueAsString(ImportStatus.FAILED)).isEqualTo("\"failed\"");
	}

	@Test
	void aFinishedJobIsWholeAndARunningOneByShareOfTheFileRead() {
		assertThat(job(ImportStatus.DONE, 10, 40).percent()).isEqualTo(100);
		assertThat(job(ImportStatus.RUNNING, 10, 40).percent()).isEqualTo(25);
		assertThat(job(ImportStatus.RUNNING, 10, 0).percent()).isZero();
	}

	private static ContactImport job(ImportStatus status, long bytesRead, long bytesTotal) {
		return new ContactImport(null, status, "update", 0, 0, 0, 0, 0, List.of(), null, bytesRead, bytesTotal, null,
				false, null, null, "UTF-8", "detected", ",");
	}

}
