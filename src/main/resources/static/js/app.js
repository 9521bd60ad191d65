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
document.addEventListener('change', function (event) {
	if (event.target.matches('select[name="preset"]')) {
		showPresetFields();
	}
});
showPresetFields();
