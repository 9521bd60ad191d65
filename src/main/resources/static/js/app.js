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
// A field a preset needs not (the sandbox takes no password) is hidden while it is chosen.
function showPresetFields() {
	document.querySelectorAll('[data-hidden-with-preset]').forEach(function (field) {
		var preset = field.closest('form').querySelector('select[name="preset"]');
		field.hidden = preset != null && preset.value === field.dataset.hiddenWithPreset;
	});
}
document.addEventListener('change', function (event) {
	if (event.target.matches('select[name="preset"]')) {
		showPresetFields();
	}
});
showPresetFields();
