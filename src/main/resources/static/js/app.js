// Small page behaviours that a strict Content-Security-Policy allows (no inline scripts).
document.addEventListener('change', function (event) {
	if (event.target.matches('[data-autosubmit]')) {
		event.target.form.submit();
	}
});
document.addEventListener('click', function (event) {
	var button = event.target.closest('[data-copy]');
	if (button) {
		navigator.clipboard.writeText(document.querySelector(button.dataset.copy).textContent.trim());
		button.textContent = 'Copied';
	}
	var confirmable = event.target.closest('[data-confirm]');
	if (confirmable && !window.confirm(confirmable.dataset.confirm)) {
		event.preventDefault();
	}
});
// htmx requests carry the CSRF token like forms do.
document.addEventListener('htmx:configRequest', function (event) {
	var token = document.querySelector('meta[name="_csrf"]');
	var header = document.querySelector('meta[name="_csrf_header"]');
	if (token && header) {
		event.detail.headers[header.content] = token.content;
	}
});
// The menu button shows the sidebar on narrow screens; the current page's link is marked.
document.addEventListener('click', function (event) {
	var toggle = event.target.closest('.menu-toggle');
	if (toggle) {
		var open = document.body.classList.toggle('nav-open');
		toggle.setAttribute('aria-expanded', String(open));
	}
	var dismiss = event.target.closest('[data-dismiss]');
	if (dismiss) {
		dismiss.parentElement.remove();
	}
});
document.addEventListener('DOMContentLoaded', function () {
	var best = null;
	document.querySelectorAll('#sidebar nav a').forEach(function (link) {
		var path = new URL(link.href).pathname;
		var here = window.location.pathname;
		var matches = path === '/' ? here === '/' : (here === path || here.startsWith(path + '/'));
		if (matches && (best === null || path.length > new URL(best.href).pathname.length)) {
			best = link;
		}
	});
	if (best) {
		best.setAttribute('aria-current', 'page');
	}
});
// A field a preset needs not (the sandbox takes no password) is hidden while it is chosen.
function showPresetFields() {
	document.querySelectorAll('[data-hidden-with-preset]').forEach(function (field) {
		var preset = field.closest('form').querySelector('select[name="preset"]');
		field.hidden = preset != null && preset.value === field.dataset.hiddenWithPreset;
	});
	// Warmup: the custom numbers show only with the custom preset (without JS they always show).
	document.querySelectorAll('[data-shown-with-preset]').forEach(function (field) {
		var preset = field.closest('form').querySelector('select[name="preset"]');
		field.hidden = preset != null && preset.value !== field.dataset.shownWithPreset;
	});
}
// Mailboxes: the daily cap and gaps follow the provider (its option's data-pacing: cap, minimum
// and maximum gap), unless the user changed them from the previous provider's.
function fillPresetPacing(select) {
	var option = select.selectedOptions[0];
	if (!option || !option.dataset.pacing) {
		return;
	}
	var previous = (select.dataset.previousPacing || '').split(' ');
	var next = option.dataset.pacing.split(' ');
	['dailyCap', 'minGapSeconds', 'maxGapSeconds'].forEach(function (name, i) {
		var field = select.form.querySelector('input[name="' + name + '"]');
		if (field && (field.value === '' || field.value === previous[i])) {
			field.value = next[i];
		}
	});
	select.dataset.previousPacing = option.dataset.pacing;
	var from = select.form.querySelector('input[name="pacingFrom"]');
	if (from) {
		from.value = select.value;
	}
}
document.querySelectorAll('select[name="preset"]').forEach(function (select) {
	var option = select.selectedOptions[0];
	if (option && option.dataset.pacing) {
		select.dataset.previousPacing = option.dataset.pacing;
	}
});
document.addEventListener('change', function (event) {
	if (event.target.matches('select[name="preset"]')) {
		showPresetFields();
		fillPresetPacing(event.target);
	}
});
showPresetFields();
// Tables of class phone-cards read as one card per row on a phone (app.css): each cell is
// labelled with its column's header, so the card says what each value is.
function labelTableCells(root) {
	(root || document).querySelectorAll('table.phone-cards').forEach(function (table) {
		if (!table.tHead || table.tHead.rows.length === 0) {
			return;
		}
		var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
			return th.textContent.replace(/[\u2191\u2193]/g, '').replace(/\s+/g, ' ').trim();
		});
		Array.prototype.forEach.call(table.tBodies, function (body) {
			Array.prototype.forEach.call(body.rows, function (row) {
				Array.prototype.forEach.call(row.cells, function (cell, i) {
					if (!cell.hasAttribute('data-label') && row.cells.length === headers.length) {
						cell.setAttribute('data-label', headers[i] || '');
					}
				});
			});
		});
	});
}
labelTableCells(document);
document.addEventListener('htmx:afterSwap', function (event) {
	labelTableCells(event.target.parentNode || document);
});
// A field that counts for some choices of a select only (data-shown-when="kind=postmark ses":
// the form's field named kind is postmark or ses) is hidden otherwise; without JS all show,
// each labelled with what it is for.
function showChosenFields() {
	document.querySelectorAll('[data-shown-when]').forEach(function (field) {
		var rule = field.dataset.shownWhen.split('=');
		var chooser = field.closest('form') && field.closest('form').querySelector('[name="' + rule[0] + '"]');
		if (chooser) {
			field.hidden = rule[1].split(' ').indexOf(chooser.value) < 0;
		}
	});
}
document.addEventListener('change', function (event) {
	if (event.target.matches('select')) {
		showChosenFields();
	}
});
showChosenFields();
