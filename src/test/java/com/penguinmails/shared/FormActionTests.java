package com.penguinmails.shared;

import org.junit.jupiter.api.Test;

import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import com.penguinmails.shared.FormAction.Done;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page helper: Post/Redirect/Get with the notice or the problem in the flash. */
class FormActionTests {

	@Test
	void aDoneActionFlashesItsNoticeAndGoesWhereItSays() {
		RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
		assertThat(FormAction.run(flash, "/back", () -> Done.notice("Saved."))).isEqualTo("redirect:/back");
		assertThat(flash.getFlashAttributes().get("notice")).isEqualTo("Saved.");
		assertThat(flash.getFlashAttributes()).doesNotContainKey("error");

		RedirectAttributesModelMap moved = new RedirectAttributesModelMap();
		assertThat(FormAction.run(moved, "/back", () -> Done.to("/campaigns/1", null)))
			.isEqualTo("redirect:/campaigns/1");
		assertThat(moved.getFlashAttributes()).isEmpty();
	}

	@Test
	void aProblemIsFlashedAsTheErrorAndTheBrowserGoesBack() {
		RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
		String view = FormAction.run(flash, "/back", () -> {
			throw new InvalidInputProblem("invalid-name", "Give it a name.");
		}, problem -> flash.addFlashAttribute("draft", "typed"));
		assertThat(view).isEqualTo("redirect:/back");
		assertThat(flash.getFlashAttributes().get("error")).isEqualTo("Give it a name.");
		assertThat(flash.getFlashAttributes().get("draft")).isEqualTo("typed");
	}

	@Test
	void anythingElseIsLeftToTheErrorPage() {
		assertThatThrownBy(() -> FormAction.run(new RedirectAttributesModelMap(), "/back", () -> {
			throw new IllegalStateException("bug");
		})).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void inPageTheNoticeOrTheProblemGoesInTheModel() {
		ExtendedModelMap model = new ExtendedModelMap();
		assertThat(FormAction.inPage(model, () -> Done.notice("Saved."))).isTrue();
		assertThat(model).containsEntry("notice", "Saved.");
		ExtendedModelMap refused = new ExtendedModelMap();
		assertThat(FormAction.inPage(refused, () -> {
			throw new NotFoundProblem("Campaign");
		})).isFalse();
		assertThat(refused).containsKey("error").doesNotContainKey("notice");
	}

}
