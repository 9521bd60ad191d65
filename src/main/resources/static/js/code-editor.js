/*
 * PenguinCodeEditor: a textarea upgraded to a highlighted code view (CodeMirror 5 from /vendor, built
 * from npm at build time). Include fragments/editors :: code-assets first.
 *
 *   var view = PenguinCodeEditor.mount(textarea, {mode: 'html' | 'liquid'});
 *   view.codeMirror; view.refresh(); view.destroy();
 *
 * Line numbers and wrapping on; every change is written back to the textarea (so a plain form post
 * sends it), and a form's submit saves it once more.
 */
(function () {
	'use strict';

	function mount(textarea, options) {
		options = options || {};
		var cm = window.CodeMirror.fromTextArea(textarea, {
			// Liquid sits in text and attributes: htmlmixed highlights the HTML around it.
			mode: 'htmlmixed',
			lineNumbers: true,
			lineWrapping: true,
			indentWithTabs: true,
			viewportMargin: Infinity
		});
		cm.on('change', function () { cm.save(); });
		var form = textarea.form;
		var save = function () { cm.save(); };
		if (form) {
			form.addEventListener('submit', save);
		}
		return {
			codeMirror: cm,
			refresh: function () { cm.refresh(); },
			destroy: function () {
				if (form) {
					form.removeEventListener('submit', save);
				}
				cm.toTextArea();
			}
		};
	}

	window.PenguinCodeEditor = {mount: mount};
})();
