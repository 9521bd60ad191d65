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
			// A same-thread follow-up goes out as "Re: " the first step's subject.
			subject: {get value() {
				var thread = form.querySelector('[name="newThread"]');
				if (pane.dataset.threadSubject && thread && thread.value === 'false') {
					return 'Re: ' + pane.dataset.threadSubject;
				}
				var s = named('subject');
				return s ? s.value : '';
			}},
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

	var BLOCKS = 'p,div,h1,h2,h3,h4,h5,h6,li,tr,br,table,section,article,blockquote,pre';

	/** The visible text of an HTML body: one line per block, blank lines between paragraphs. */
	function htmlToText(html) {
		var doc = new DOMParser().parseFromString(html, 'text/html');
		doc.querySelectorAll('head,style,script,title').forEach(function (n) { n.remove(); });
		doc.querySelectorAll('br').forEach(function (n) { n.replaceWith('\n'); });
		doc.querySelectorAll(BLOCKS).forEach(function (n) { n.append('\n\n'); });
		return (doc.body ? doc.body.textContent : '').split('\n').map(function (l) { return l.trim(); })
			.join('\n').replace(/\n{3,}/g, '\n\n').trim();
	}

	/** Text as simple HTML: a paragraph per blank-line block, <br> at line breaks. */
	function textToHtml(text) {
		var escape = function (t) { return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); };
		return text.trim().split(/\n\s*\n/).map(function (paragraph) {
			return '<p>' + escape(paragraph.trim()).replace(/\n/g, '<br>\n') + '</p>';
		}).join('\n');
	}

	/**
	 * The Plain text / HTML switch converts what is written, so what is shown is what a
	 * save keeps: HTML becomes its visible text (the MJML source no longer applies), text
	 * becomes paragraphs. The code view and visual editor come with the saved HTML card.
	 */
	function setUpFormatSwitch(form) {
		form.querySelectorAll('input[name="format"]').forEach(function (radio) {
			radio.addEventListener('change', function () {
				var html = radio.value === 'html';
				form.querySelectorAll('section.variant').forEach(function (section) {
					var body = section.querySelector('textarea[name="body"]');
					var source = section.querySelector('input[name="source"]');
					var label = body ? body.closest('label') : null;
					if (!body) {
						return;
					}
					var looksHtml = /<[a-z!][\s\S]*>/i.test(body.value);
					if (!html && looksHtml) {
						body.value = htmlToText(body.value);
						if (source) {
							source.value = '';
						}
					} else if (html && !looksHtml && body.value.trim()) {
						body.value = textToHtml(body.value);
					}
					var cm = section.querySelector('.CodeMirror');
					if (cm && cm.CodeMirror) {
						cm.CodeMirror.setValue(body.value);
					}
					if (label && label.firstElementChild) {
						label.firstElementChild.textContent = html ? 'Body (HTML)' : 'Body (plain text)';
					}
				});
				var first = form.querySelector('textarea[name="body"]');
				if (first) {
					input(first);
				}
			});
		});
	}

	/** Ends a visual editor's typing in progress now, so its model (and content) has it. */
	function syncTyping(visual) {
		try {
			var editing = visual.editor.getEditing && visual.editor.getEditing();
			var view = editing && editing.getView && editing.getView();
			if (view && view.syncContent) {
				view.syncContent({force: true});
			}
		} catch (error) {
			window.console && console.warn('Visual editor typing not synced', error);
		}
	}

	/**
	 * Every request of the card (save, autosave, check) carries what the visual editor
	 * shows, typing in progress included: the bodies and sources are read from the
	 * editors and put in the request, in variant order.
	 */
	function syncVisualOnRequest(form) {
		form.addEventListener('htmx:configRequest', function (event) {
			var sections = form.querySelectorAll('section.variant');
			var any = false;
			sections.forEach(function (section) {
				var visual = section.penguinVisualEditor;
				if (!visual) {
					return;
				}
				any = true;
				syncTyping(visual);
				var content = visual.getContent();
				section.querySelector('textarea[name="body"]').value = content.html;
				section.querySelector('input[name="source"]').value = content.mjml;
				var cm = section.querySelector('.CodeMirror');
				if (cm && cm.CodeMirror && cm.CodeMirror.getValue() !== content.html) {
					cm.CodeMirror.setValue(content.html);
				}
			});
			var data = event.detail.formData;
			if (!any || !data) {
				return;
			}
			['body', 'source'].forEach(function (name) {
				data.delete(name);
				sections.forEach(function (section) {
					var field = section.querySelector('[name="' + name + '"]');
					if (field) {
						data.append(name, field.value);
					}
				});
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
		setUpFormatSwitch(form);
		syncVisualOnRequest(form);
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
