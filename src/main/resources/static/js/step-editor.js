// The campaign page's step editor (issue 14): wires each step card (campaigns/steps.html) to the
// live preview (live-preview.js), the variable picker (variable-picker.js, by its data attribute),
// the code view for HTML bodies (code-editor.js) and the visual editor (visual-editor.js, whose
// GrapesJS/MJML assets are loaded on the first "Visual editor" click so the page stays light).
// Cards are swapped by htmx after each save, so every card is set up on htmx's load event.
(function () {
	'use strict';

	var VISUAL_ASSETS = [
		'/vendor/grapesjs/dist/css/grapes.min.css',
		'/vendor/font-awesome/css/font-awesome.min.css',
		'/vendor/grapesjs/dist/grapes.min.js',
		'/vendor/grapesjs-mjml/dist/index.js',
		'/js/visual-editor.js'
	];
	var visualLoading = null;

	function loadVisualAssets() {
		if (window.PenguinVisualEditor) {
			return Promise.resolve();
		}
		if (!visualLoading) {
			visualLoading = VISUAL_ASSETS.reduce(function (chain, url) {
				return chain.then(function () {
					return new Promise(function (resolve, reject) {
						var node;
						if (url.endsWith('.css')) {
							node = document.createElement('link');
							node.rel = 'stylesheet';
							node.href = url;
						} else {
							node = document.createElement('script');
							node.src = url;
						}
						node.onload = resolve;
						node.onerror = function () { reject(new Error('Could not load ' + url)); };
						document.head.appendChild(node);
					});
				});
			}, Promise.resolve());
		}
		return visualLoading;
	}

	function input(node) {
		node.dispatchEvent(new Event('input', {bubbles: true}));
	}

	function isHtml(form) {
		var checked = form.querySelector('input[name="format"]:checked');
		return checked ? checked.value === 'html' : false;
	}

	function setUpPreview(card, form) {
		var pane = card.querySelector('[data-preview-pane]');
		if (!pane || !window.PenguinPreview) {
			return;
		}
		var variantSelect = pane.querySelector('[data-preview-variant]');
		function section() {
			var sections = form.querySelectorAll('section.variant');
			var index = variantSelect ? Number(variantSelect.value) : 0;
			return sections[Math.min(index, sections.length - 1)];
		}
		function named(name) {
			var current = section();
			return current ? current.querySelector('[name="' + name + '"]') : null;
		}
		var fields = {
			subject: {get value() { var s = named('subject'); return s ? s.value : ''; }},
			html: {get value() { var b = named('body'); return isHtml(form) && b ? b.value : null; }},
			text: {get value() { var b = named('body'); return !isHtml(form) && b ? b.value : null; }},
			plainText: {get value() { return isHtml(form) ? 'false' : 'true'; }}
		};
		var preview = window.PenguinPreview.attach(form, pane, {
			fields: fields,
			mailboxSelect: {value: pane.dataset.mailboxId || ''}
		});
		if (variantSelect) {
			variantSelect.addEventListener('change', function () { preview.refresh(); });
		}
		// The card is collapsible: render once, when it is first seen open.
		var details = card.querySelector('details');
		if (details && !details.open) {
			details.addEventListener('toggle', function once() {
				details.removeEventListener('toggle', once);
				preview.refresh();
			});
		} else {
			preview.refresh();
		}
	}

	function setUpCode(section) {
		var body = section.querySelector('textarea[name="body"][data-code]');
		if (!body || !window.PenguinCodeEditor || section.querySelector('.CodeMirror')) {
			return null;
		}
		var code = window.PenguinCodeEditor.mount(body, {mode: 'html'});
		code.codeMirror.on('change', function () { input(body); });
		var details = section.closest('details');
		if (details) {
			details.addEventListener('toggle', function () { code.refresh(); });
		}
		return code;
	}

	function setUpVisual(section, code) {
		var button = section.querySelector('[data-visual-open]');
		var host = section.querySelector('.visual-editor-host');
		var body = section.querySelector('textarea[name="body"]');
		var source = section.querySelector('input[name="source"]');
		if (!button || !host || !body || !source) {
			return;
		}
		var editor = null;
		button.addEventListener('click', function () {
			if (editor) {
				return;
			}
			button.disabled = true;
			button.textContent = 'Loading the visual editor…';
			var clicked = performance.now();
			loadVisualAssets().then(function () {
				host.hidden = false;
				// How long the editor took to become usable (for tests and the closing note).
				host.addEventListener('penguin:visual-load', function (event) {
					window.penguinVisualLoadMs = event.detail.ms - clicked;
				}, {once: true});
				editor = window.PenguinVisualEditor.mount(host, {
					mjml: source.value, html: body.value,
					onChange: function (content) {
						source.value = content.mjml;
						body.value = content.html;
						if (code) {
							code.codeMirror.setValue(content.html);
						}
						input(body);
					}
				});
				section.penguinVisualEditor = editor;
				button.hidden = true;
			}).catch(function (error) {
				button.disabled = false;
				button.textContent = 'Visual editor (could not load: ' + error.message + ')';
			});
		});
	}

	function setUp(card) {
		if (card.dataset.stepEditor === 'ready') {
			return;
		}
		card.dataset.stepEditor = 'ready';
		var form = card.querySelector('form.step-form');
		if (!form) {
			return;
		}
		form.querySelectorAll('section.variant').forEach(function (section) {
			var code = setUpCode(section);
			setUpVisual(section, code);
		});
		// The visual editor's typing in progress reaches the body before a save.
		form.addEventListener('htmx:configRequest', function () {
			form.querySelectorAll('section.variant').forEach(function (section) {
				if (section.penguinVisualEditor) {
					section.penguinVisualEditor.flush();
				}
			});
		});
		setUpPreview(card, form);
		// Milliseconds from navigation start until the last card was ready to edit.
		window.penguinStepEditorReadyMs = performance.now();
	}

	function scan(root) {
		if (root.matches && root.matches('.step-card')) {
			setUp(root);
		}
		if (root.querySelectorAll) {
			root.querySelectorAll('.step-card').forEach(setUp);
		}
	}

	// htmx may load after this script: its load event (new content, swapped cards) is
	// heard on the document, and the page's own cards are set up once it is parsed.
	document.addEventListener('htmx:load', function (event) { scan(event.detail.elt); });
	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', function () { scan(document); });
	} else {
		scan(document);
	}
})();
