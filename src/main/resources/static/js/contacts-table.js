// The contacts table's filter bar: choosing a list, status or segment applies it at once
// (the Search button applies the search box and the tag). No inline handlers: the CSP forbids them.
document.addEventListener('DOMContentLoaded', () => {
	const form = document.getElementById('contact-filters');
	if (!form) {
		return;
	}
	form.querySelectorAll('select.auto-submit').forEach((select) => {
		select.addEventListener('change', () => form.requestSubmit());
	});
});
