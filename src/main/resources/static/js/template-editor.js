/*
 * The template form's "Editor" switch (templates/editor.html): plain text, HTML code (CodeMirror) or
 * visual (GrapesJS + MJML). Only the chosen pane shows; the form always posts the fields html, text,
 * source and editor. In the visual editor, html/text/source are what MJML compiled, written into the
 * fields on every change and once more on submit. window.penguinVisualLoadMs holds the milliseconds
 * from navigation start until the visual editor was interactive.
 */
(function () {
	'use strict';

	function setUp(form) {
		var select = form.querySelector('select[name="editor"]');
		var html = form.querySelector('textarea[name="html"]');
		var text = form.querySelector('textarea[name="text"]');
		var source = form.querySelector('textarea[name="source"]');
		var host = form.querySelector('.visual-host');
		var code = null;
		var visual = null;

		function write(content) {
			source.value = content.mjml;
			html.value = content.html;
			text.value = content.text;
		}

		function show(mode) {
			form.querySelectorAll('[data-pane]').forEach(function (pane) {
				pane.hidden = pane.getAttribute('data-pane').split(' ').indexOf(mode) < 0;
			});
			if (mode !== 'VISUAL' && visual) {
				write(visual.getContent());
				visual.destroy();
				visual = null;
				if (code) {
					code.codeMirror.setValue(html.value);
				}
			}
			if (mode === 'CODE') {
				if (!code && window.PenguinCodeEditor) {
					code = window.PenguinCodeEditor.mount(html, {mode: 'liquid'});
				}
				if (code) {
					code.refresh();
				}
			}
			if (mode === 'VISUAL' && !visual && window.PenguinVisualEditor) {
				host.addEventListener('penguin:visual-load', function (event) {
					window.penguinVisualLoadMs = event.detail.ms;
				}, {once: true});
				visual = window.PenguinVisualEditor.mount(host, {
					mjml: source.value || null,
					html: html.value || null,
					onChange: write
				});
			}
		}

		select.addEventListener('change', function () { show(select.value); });
		form.addEventListener('submit', function (event) {
			if (visual) {
				// Typing still in a text block reaches the model only when editing ends.
				event.preventDefault();
				visual.flush().then(function () {
					write(visual.getContent());
					form.submit();
				});
			}
		});
		show(select.value);
	}

	document.querySelectorAll('form[data-template-form]').forEach(setUp);
})();
