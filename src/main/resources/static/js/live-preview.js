// Live preview of a message being edited (issue 14). No framework; strict CSP (no inline script).
//   var preview = PenguinPreview.attach(formElement, previewElement, {contactSelect: select});
//   preview.refresh(); preview.destroy();
// Reads the form's subject / html / text / plainText fields (by name, or a name ending in ".subject"
// etc., or options.fields = {subject: el, ...}), posts them 600 ms after the last change to
// /templates/editor/preview (session + CSRF header; the same operation as POST /api/v1/templates/preview)
// and fills the pane of fragments/preview :: pane(contacts): the subject, the HTML in a sandboxed
// iframe (srcdoc, sandbox=""), the text, the variables this contact has no value for, and every
// spintax variant in a <details> ("Show all 6 variants").
(function () {
	'use strict';

	var DELAY = 600;

	function csrfHeaders() {
		var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
		var token = document.querySelector('meta[name="_csrf"]');
		var header = document.querySelector('meta[name="_csrf_header"]');
		if (token && header) {
			headers[header.content] = token.content;
		}
		return headers;
	}

	function field(form, options, key) {
		if (options.fields && options.fields[key]) {
			return options.fields[key];
		}
		return form.querySelector('[name="' + key + '"]') || form.querySelector('[name$=".' + key + '"]');
	}

	function value(element) {
		if (!element) {
			return null;
		}
		if (element.type === 'checkbox') {
			return element.checked;
		}
		return element.value;
	}

	function element(tag, text, className) {
		var node = document.createElement(tag);
		if (text != null) {
			node.textContent = text;
		}
		if (className) {
			node.className = className;
		}
		return node;
	}

	function count(n) {
		return n >= 9e18 ? 'billions of' : Number(n).toLocaleString('en');
	}

	function list(title, items, total, render) {
		var box = element('section', null, 'variant-list');
		var heading = items.length < total ? title + ' (showing ' + items.length + ' of ' + count(total) + ')'
			: title + ' (' + items.length + ')';
		box.appendChild(element('h3', heading));
		var ol = element('ol');
		items.forEach(function (item) {
			var li = element('li');
			li.appendChild(render(item));
			ol.appendChild(li);
		});
		box.appendChild(ol);
		return box;
	}

	function bodyText(body) {
		if (body.text != null && body.text !== '') {
			return body.text;
		}
		var doc = new DOMParser().parseFromString(body.html || '', 'text/html');
		return doc.body ? doc.body.textContent : '';
	}

	function showVariants(pane, spintax) {
		var box = pane.querySelector('[data-preview-variants]');
		var target = pane.querySelector('[data-preview-variants-list]');
		if (!box || !target) {
			return;
		}
		var total = spintax ? spintax.combinations : 1;
		box.hidden = !spintax || total <= 1;
		if (box.hidden) {
			return;
		}
		pane.querySelector('[data-preview-variants-summary]').textContent = 'Show all ' + count(total) + ' variants'
			+ ' (' + count(spintax.subjectCombinations) + ' subject' + (spintax.subjectCombinations === 1 ? '' : 's')
			+ ' × ' + count(spintax.bodyCombinations) + ' bod' + (spintax.bodyCombinations === 1 ? 'y' : 'ies') + ')';
		target.replaceChildren();
		if (spintax.subjectCombinations > 1) {
			target.appendChild(list('Subjects', spintax.subjects, spintax.subjectCombinations, function (subject) {
				return element('span', subject);
			}));
		}
		if (spintax.bodyCombinations > 1) {
			target.appendChild(list('Bodies', spintax.bodies, spintax.bodyCombinations, function (body) {
				return element('pre', bodyText(body), 'mail');
			}));
		}
		if (spintax.texts && spintax.texts.length > 1) {
			target.appendChild(list('Plain-text alternatives', spintax.texts, spintax.texts.length, function (text) {
				return element('pre', text, 'mail');
			}));
		}
		var groups = list('Spintax groups', spintax.groups, spintax.groups.length, function (group) {
			var line = element('span');
			line.appendChild(element('code', group.source));
			line.appendChild(document.createTextNode(' → ' + group.options.join(' · ')));
			return line;
		});
		target.appendChild(groups);
	}

	function show(pane, preview) {
		pane.querySelector('[data-preview-subject]').textContent = preview.subject || '';
		var frame = pane.querySelector('[data-preview-html]');
		var textBox = pane.querySelector('[data-preview-text-box]');
		if (preview.html != null) {
			frame.hidden = false;
			frame.srcdoc = preview.html;
		} else {
			frame.hidden = true;
			frame.removeAttribute('srcdoc');
			if (textBox) {
				textBox.open = true;
			}
		}
		pane.querySelector('[data-preview-text]').textContent = preview.text || '';
		var missing = pane.querySelector('[data-preview-missing]');
		var items = missing.querySelector('ul');
		items.replaceChildren();
		(preview.missing || []).forEach(function (name) {
			items.appendChild(element('li')).appendChild(element('code', name));
		});
		missing.hidden = !preview.missing || preview.missing.length === 0;
		showVariants(pane, preview.spintax);
	}

	function status(pane, text, kind) {
		var line = pane.querySelector('[data-preview-status]');
		line.textContent = text;
		line.className = kind === 'error' ? 'preview-error' : 'muted';
	}

	function loadContacts(pane, select) {
		if (!select || pane.dataset.loadContacts !== 'true') {
			return;
		}
		fetch(pane.dataset.contactsUrl || '/templates/editor/contacts', {headers: csrfHeaders(), credentials: 'same-origin'})
			.then(function (response) { return response.ok ? response.json() : []; })
			.then(function (contacts) {
				contacts.forEach(function (contact) {
					var option = element('option', contact.label);
					option.value = contact.id;
					select.appendChild(option);
				});
			})
			.catch(function () { /* the sample contact stays */ });
	}

	function attach(form, pane, options) {
		options = options || {};
		var select = options.contactSelect || pane.querySelector('[data-preview-contact]');
		var url = options.url || pane.dataset.previewUrl || '/templates/editor/preview';
		var timer = null;
		var sequence = 0;
		var controller = null;

		function request() {
			var body = {
				subject: value(field(form, options, 'subject')) || '',
				html: value(field(form, options, 'html')),
				text: value(field(form, options, 'text')),
				plainText: value(field(form, options, 'plainText')) === true
					|| value(field(form, options, 'plainText')) === 'true',
				contactId: select && select.value ? select.value : null
			};
			var mailbox = options.mailboxSelect || field(form, options, 'mailboxId');
			if (mailbox && mailbox.value) {
				body.mailboxId = mailbox.value;
			}
			return body;
		}

		function refresh() {
			clearTimeout(timer);
			timer = null;
			var mine = ++sequence;
			if (controller) {
				controller.abort();
			}
			controller = typeof AbortController === 'function' ? new AbortController() : null;
			status(pane, 'Updating the preview…');
			pane.classList.add('updating');
			return fetch(url, {
				method: 'POST', headers: csrfHeaders(), credentials: 'same-origin',
				body: JSON.stringify(request()), signal: controller ? controller.signal : undefined
			}).then(function (response) {
				return response.json().catch(function () { return {}; }).then(function (json) {
					if (mine !== sequence) {
						return;
					}
					pane.classList.remove('updating');
					if (!response.ok) {
						status(pane, (json && json.detail) || ('The preview failed (HTTP ' + response.status + ').'), 'error');
						return;
					}
					show(pane, json);
					var who = select && select.value ? select.options[select.selectedIndex].text : 'the sample contact';
					status(pane, 'As ' + who + ' gets it.');
				});
			}).catch(function (error) {
				if (mine === sequence && (!error || error.name !== 'AbortError')) {
					pane.classList.remove('updating');
					status(pane, 'The preview could not be loaded: ' + (error && error.message ? error.message : 'network error') + '.', 'error');
				}
			});
		}

		function schedule(event) {
			if (event && event.target instanceof Node && pane.contains(event.target)) {
				return;
			}
			// A text field's change (on blur) repeats what its input events said.
			if (event && event.type === 'change' && event.target.matches('textarea, input:not([type="checkbox"]):not([type="radio"])')) {
				return;
			}
			clearTimeout(timer);
			status(pane, 'Waiting for you to stop typing…');
			timer = setTimeout(refresh, DELAY);
		}

		function codeMirrors() {
			form.querySelectorAll('.CodeMirror').forEach(function (wrapper) {
				if (wrapper.CodeMirror && !wrapper.dataset.previewBound) {
					wrapper.dataset.previewBound = 'true';
					wrapper.CodeMirror.on('change', schedule);
				}
			});
		}

		form.addEventListener('input', schedule);
		form.addEventListener('change', schedule);
		if (select) {
			select.addEventListener('change', refresh);
		}
		codeMirrors();
		loadContacts(pane, select);
		refresh();
		return {
			refresh: function () { codeMirrors(); return refresh(); },
			destroy: function () {
				clearTimeout(timer);
				form.removeEventListener('input', schedule);
				form.removeEventListener('change', schedule);
				if (select) {
					select.removeEventListener('change', refresh);
				}
			}
		};
	}

	window.PenguinPreview = {attach: attach};
})();
