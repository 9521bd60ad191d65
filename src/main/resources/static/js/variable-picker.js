// "Insert variable" (issue 14). No framework; strict CSP (no inline script).
// Markup: <button type="button" class="secondary" data-variable-picker>Insert variable</button> inside a form.
// A click opens a searchable list of the variables (GET /templates/editor/variables: the page's
// session; the same list as GET /api/v1/templates/variables), grouped (Contact, Custom fields, Sender,
// Links, Dates); choosing one inserts its Liquid snippet ({{ first_name | default: "there" }}) at the
// caret of the form's last focused input or textarea (a CodeMirror 5 editor beside a textarea through
// cm.replaceSelection, a CodeMirror 6 editor through the browser's insertText). Without a focused field,
// the field named by the button's data-target (a name) or the form's first textarea gets it.
// PenguinVariablePicker.open(button) opens one from code.
(function () {
	'use strict';

	var lastField = new WeakMap();
	var loading = null;

	function load(url) {
		if (!loading) {
			loading = fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
				.then(function (response) {
					if (!response.ok) {
						throw new Error('HTTP ' + response.status);
					}
					return response.json();
				})
				.catch(function (error) {
					loading = null;
					throw error;
				});
		}
		return loading;
	}

	function editable(target) {
		if (!(target instanceof Element) || target.closest('.variable-picker')) {
			return null;
		}
		var cm = target.closest('.CodeMirror, .cm-editor');
		if (cm) {
			return cm;
		}
		if (target.matches('textarea, input:not([type]), input[type="text"], input[type="search"], input[type="url"]')) {
			return target;
		}
		return null;
	}

	document.addEventListener('focusin', function (event) {
		var target = editable(event.target);
		var form = target && target.closest('form');
		if (form) {
			lastField.set(form, target);
		}
	});

	function dispatchInput(node) {
		node.dispatchEvent(new Event('input', {bubbles: true}));
	}

	function insert(target, snippet) {
		if (target.classList && target.classList.contains('CodeMirror') && target.CodeMirror) {
			target.CodeMirror.replaceSelection(snippet);
			target.CodeMirror.focus();
			return;
		}
		if (target.tagName === 'TEXTAREA' && target.nextElementSibling
			&& target.nextElementSibling.classList.contains('CodeMirror') && target.nextElementSibling.CodeMirror) {
			insert(target.nextElementSibling, snippet);
			return;
		}
		if (target.classList && target.classList.contains('cm-editor')) {
			var content = target.querySelector('.cm-content');
			content.focus();
			document.execCommand('insertText', false, snippet);
			return;
		}
		var start = target.selectionStart == null ? target.value.length : target.selectionStart;
		var end = target.selectionEnd == null ? start : target.selectionEnd;
		target.focus();
		target.setRangeText(snippet, start, end, 'end');
		dispatchInput(target);
	}

	function targetFor(button) {
		var form = button.closest('form');
		var remembered = form && lastField.get(form);
		if (remembered && remembered.isConnected) {
			return remembered;
		}
		var scope = form || document;
		if (button.dataset.target) {
			var named = scope.querySelector('[name="' + button.dataset.target + '"]');
			if (named) {
				return named;
			}
		}
		return scope.querySelector('textarea') || scope.querySelector('input[type="text"]');
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

	function close(panel, button) {
		panel.remove();
		button.setAttribute('aria-expanded', 'false');
	}

	function render(panel, groups, button) {
		var list = panel.querySelector('.variable-picker-groups');
		list.replaceChildren();
		groups.forEach(function (group) {
			var section = element('section');
			section.appendChild(element('h3', group.name));
			var ul = element('ul');
			group.variables.forEach(function (variable) {
				var item = element('button', null, 'variable-picker-item');
				item.type = 'button';
				item.dataset.snippet = variable.snippet;
				item.dataset.search = (variable.label + ' ' + variable.name + ' ' + group.name).toLowerCase();
				item.appendChild(element('span', variable.label, 'variable-label'));
				item.appendChild(element('code', variable.snippet));
				if (variable.example != null && variable.example !== '') {
					item.appendChild(element('small', 'e.g. ' + variable.example, 'muted'));
				}
				item.addEventListener('click', function () {
					var target = targetFor(button);
					close(panel, button);
					if (target) {
						insert(target, variable.snippet);
					}
				});
				ul.appendChild(element('li')).appendChild(item);
			});
			section.appendChild(ul);
			list.appendChild(section);
		});
	}

	function filter(panel, query) {
		var words = query.toLowerCase().split(/\s+/).filter(Boolean);
		panel.querySelectorAll('.variable-picker-groups section').forEach(function (section) {
			var shown = 0;
			section.querySelectorAll('li').forEach(function (li) {
				var text = li.firstChild.dataset.search;
				var match = words.every(function (word) { return text.indexOf(word) >= 0; });
				li.hidden = !match;
				shown += match ? 1 : 0;
			});
			section.hidden = shown === 0;
		});
	}

	function open(button) {
		var existing = button.parentElement.querySelector('.variable-picker');
		if (existing) {
			close(existing, button);
			return;
		}
		var panel = element('div', null, 'variable-picker');
		panel.setAttribute('role', 'dialog');
		panel.setAttribute('aria-label', 'Insert a variable');
		var search = element('input');
		search.type = 'search';
		search.placeholder = 'Search variables';
		search.setAttribute('aria-label', 'Search variables');
		panel.appendChild(search);
		var status = element('p', 'Loading the variables…', 'muted');
		panel.appendChild(status);
		panel.appendChild(element('div', null, 'variable-picker-groups'));
		button.insertAdjacentElement('afterend', panel);
		button.setAttribute('aria-expanded', 'true');
		search.addEventListener('input', function () { filter(panel, search.value); });
		// Searching is not editing: the form (and a live preview on it) does not hear it.
		panel.addEventListener('input', function (event) { event.stopPropagation(); });
		panel.addEventListener('change', function (event) { event.stopPropagation(); });
		panel.addEventListener('keydown', function (event) {
			if (event.key === 'Escape') {
				close(panel, button);
				button.focus();
			} else if (event.key === 'Enter' && event.target === search) {
				event.preventDefault();
				var first = Array.prototype.find.call(panel.querySelectorAll('.variable-picker-item'), function (item) {
					return !item.closest('li').hidden && !item.closest('section').hidden;
				});
				if (first) {
					first.click();
				}
			}
		});
		load(button.dataset.variablesUrl || '/templates/editor/variables').then(function (json) {
			status.remove();
			render(panel, json.groups || [], button);
			filter(panel, search.value);
		}, function (error) {
			status.textContent = 'The variables could not be loaded (' + error.message + ').';
		});
		search.focus();
	}

	document.addEventListener('click', function (event) {
		var button = event.target.closest('[data-variable-picker]');
		if (button) {
			event.preventDefault();
			open(button);
		}
	});

	window.PenguinVariablePicker = {open: open};
})();
