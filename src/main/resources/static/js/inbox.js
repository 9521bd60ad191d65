// The two-pane inbox (issue 16): keyboard shortcuts, the current row, the phone's
// full-screen conversation, select-all, the composer's inserts and growing textarea,
// relative times. No inline handlers (the Content-Security-Policy forbids them): the
// listeners are on the document, so the page's htmx swaps keep working. Loaded again by
// a boosted form's answer: the guard keeps one set of listeners.
(function () {
	if (window.penguinInbox) {
		window.penguinInbox.refresh();
		return;
	}
	var LABELS = ['interested', 'meeting_booked', 'not_interested', 'wrong_person', 'out_of_office'];

	function rows() { return Array.prototype.slice.call(document.querySelectorAll('#threads .thread-row')); }
	function openId() {
		var conversation = document.getElementById('conversation');
		return conversation ? conversation.getAttribute('data-thread-id') : null;
	}
	function currentIndex() {
		var list = rows();
		for (var i = 0; i < list.length; i++) {
			if (list[i].classList.contains('current')) { return i; }
		}
		return -1;
	}
	function markCurrent(id) {
		rows().forEach(function (row) {
			var current = row.getAttribute('data-id') === id;
			row.classList.toggle('current', current);
			if (current) {
				row.classList.remove('unread');
				var dot = row.querySelector('.dot');
				if (dot) { dot.remove(); }
			}
		});
	}
	function open(index) {
		var list = rows();
		if (index < 0 || index >= list.length) { return; }
		var link = list[index].querySelector('.thread-link');
		link.focus();
		link.click();
	}
	function panes() { return document.getElementById('inbox-panes'); }
	function submit(form) {
		if (!form) { return; }
		if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
	}
	function relativeTimes() {
		var now = Date.now();
		document.querySelectorAll('time.thread-time').forEach(function (el) {
			var at = Date.parse(el.getAttribute('datetime'));
			if (isNaN(at)) { return; }
			var minutes = Math.round((now - at) / 60000);
			var text;
			if (minutes < 1) { text = 'just now'; }
			else if (minutes < 60) { text = minutes + ' min ago'; }
			else if (minutes < 24 * 60) { text = Math.round(minutes / 60) + ' h ago'; }
			else if (minutes < 7 * 24 * 60) { text = Math.round(minutes / 1440) + ' d ago'; }
			else { text = new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' }); }
			el.textContent = text;
		});
		document.querySelectorAll('time.local-time').forEach(function (el) {
			var at = Date.parse(el.getAttribute('datetime'));
			if (!isNaN(at)) { el.textContent = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }); }
		});
	}
	function refresh() {
		var id = openId();
		if (id) { markCurrent(id); }
		var zone = document.getElementById('send-zone');
		if (zone && !zone.value) {
			try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { }
		}
		var p = panes();
		if (p) { p.classList.toggle('has-open', !!id); }
		relativeTimes();
	}
	function typing(target) {
		if (!target) { return false; }
		var tag = target.tagName;
		return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
	}
	function insert(text) {
		var area = document.getElementById('reply-text');
		if (!area || !text) { return; }
		var start = area.selectionStart || 0, end = area.selectionEnd || 0;
		// A variable typed after a word gets a space before it ("work? {{ first_name }}").
		if (text.indexOf('{{') === 0 && start > 0 && !/[\s(]/.test(area.value.charAt(start - 1))) {
			text = ' ' + text;
		}
		area.value = area.value.slice(0, start) + text + area.value.slice(end);
		area.selectionStart = area.selectionEnd = start + text.length;
		area.focus();
		grow(area);
	}
	function grow(area) {
		area.style.height = 'auto';
		area.style.height = Math.max(area.scrollHeight + 2, 160) + 'px';
	}

	document.addEventListener('keydown', function (event) {
		var dialog = document.getElementById('shortcuts');
		if (event.key === 'Escape') {
			if (dialog && dialog.open) { dialog.close(); return; }
			if (document.activeElement && document.activeElement !== document.body) { document.activeElement.blur(); }
			return;
		}
		if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
		if (dialog && dialog.open) { return; }
		var key = event.key;
		if (key === 'j' || key === 'k') {
			var index = currentIndex();
			open(index < 0 ? 0 : index + (key === 'j' ? 1 : -1));
		} else if (key === 'r') {
			var area = document.getElementById('reply-text');
			if (area) { area.focus(); }
		} else if (key === 'e') {
			submit(document.getElementById('done-form'));
		} else if (key >= '1' && key <= '5') {
			var select = document.getElementById('label-select');
			if (!select) { return; }
			select.value = LABELS[Number(key) - 1];
			submit(document.getElementById('label-form'));
		} else if (key === 'u') {
			submit(document.getElementById('unread-form'));
		} else if (key === '/') {
			var search = document.getElementById('f-q');
			if (search) { search.focus(); search.select(); }
		} else if (key === '?') {
			if (dialog) { dialog.showModal(); }
		} else {
			return;
		}
		event.preventDefault();
	});

	document.addEventListener('click', function (event) {
		var target = event.target;
		if (target.closest && target.closest('#shortcuts-open')) {
			var dialog = document.getElementById('shortcuts');
			if (dialog) { dialog.showModal(); }
			return;
		}
		var link = target.closest && target.closest('.thread-link');
		if (link) {
			var row = link.closest('.thread-row');
			markCurrent(row.getAttribute('data-id'));
			var p = panes();
			if (p) { p.classList.add('has-open'); }
		}
	});

	document.addEventListener('change', function (event) {
		var target = event.target;
		if (target.id === 'select-page') {
			document.querySelectorAll('#threads .thread-select').forEach(function (box) { box.checked = target.checked; });
		} else if (target.id === 'snippet-select') {
			var option = target.options[target.selectedIndex];
			insert(option ? option.getAttribute('data-text') : '');
			target.value = '';
		} else if (target.id === 'variable-select') {
			insert(target.value);
			target.value = '';
		}
	});

	// Done and unread leave the conversation: the next one on the list opens in the pane
	// (the hidden "next" field), however the form was sent (a key or the button).
	function nextId() {
		var next = rows()[currentIndex() + 1];
		return next ? next.getAttribute('data-id') : '';
	}
	document.addEventListener('submit', function (event) {
		var form = event.target;
		var field = form.id === 'done-form' ? document.getElementById('done-next')
			: form.id === 'unread-form' ? document.getElementById('unread-next') : null;
		if (field) { field.value = nextId(); }
	}, true);

	// A form of the pane swaps the pane (and its row, by hx-select-oob), not the page, so
	// the list keeps its scroll position; after "done" the list itself is fetched again
	// (its refresh keeps the view's filters) as the conversation leaves it.
	var listStale = false;
	document.addEventListener('htmx:beforeSwap', function (event) {
		var source = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
		if (source && source.id === 'done-form') { listStale = true; }
	});
	document.addEventListener('htmx:afterSettle', function () {
		var threads = document.getElementById('threads');
		if (listStale && threads && window.htmx) {
			listStale = false;
			window.htmx.trigger(threads, 'refresh');
		}
	});

	document.addEventListener('input', function (event) {
		if (event.target.id === 'reply-text') { grow(event.target); }
	});

	// The list refreshes itself every few seconds: not while rows are being chosen.
	document.addEventListener('htmx:beforeRequest', function (event) {
		var source = event.detail && event.detail.elt;
		if (source && source.id === 'threads' && document.querySelector('#threads .thread-select:checked')) {
			event.preventDefault();
		}
	});
	document.addEventListener('htmx:afterSettle', refresh);

	window.penguinInbox = { refresh: refresh };
	refresh();
})();
