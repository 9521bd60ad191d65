// The contacts page's bulk bar (templates/contacts/bulk.html): counts the checked rows,
// checks every row of the page from #select-page, offers "all matching this filter" once
// the page is all checked, shows the value field that fits the chosen action (the others
// are disabled so only one "value" is sent). A delete is confirmed by typing "delete"; a submit
// without it (or without a selection) is stopped with a message, keeping the checked rows.
(function () {
	'use strict';

	function init() {
		var form = document.getElementById('bulk-form');
		if (!form) {
			return;
		}
		var action = document.getElementById('bulk-action');
		var count = document.getElementById('bulk-selected-count');
		var selectPage = document.getElementById('select-page');
		var scopeSelected = document.getElementById('bulk-scope-selected');
		var scopeFilter = document.getElementById('bulk-scope-filter');

		function rows() {
			return Array.prototype.slice.call(document.querySelectorAll('input.row-select'));
		}

		function refreshCount() {
			var all = rows();
			var checked = all.filter(function (box) { return box.checked; }).length;
			count.textContent = checked + ' selected';
			if (selectPage) {
				selectPage.checked = all.length > 0 && checked === all.length;
				selectPage.indeterminate = checked > 0 && checked < all.length;
			}
			if (checked > 0 && !scopeFilter.checked) {
				scopeSelected.checked = true;
			}
		}

		function refreshValue() {
			var chosen = action.value;
			form.querySelectorAll('.bulk-value').forEach(function (wrapper) {
				var fits = wrapper.getAttribute('data-for').split(' ').indexOf(chosen) >= 0;
				wrapper.hidden = !fits;
				wrapper.querySelectorAll('input, select').forEach(function (field) {
					field.disabled = !fits;
				});
			});
		}

		document.addEventListener('change', function (event) {
			var target = event.target;
			if (target.id === 'select-page') {
				rows().forEach(function (box) { box.checked = target.checked; });
				refreshCount();
			} else if (target.classList && target.classList.contains('row-select')) {
				refreshCount();
			}
		});
		// Said before the page is left: a refused submit would reload the page.
		var problem = document.getElementById('bulk-problem');
		function refuse(message, field) {
			problem.textContent = message;
			problem.hidden = false;
			if (field) {
				field.setAttribute('aria-invalid', 'true');
				field.focus();
			}
		}
		form.addEventListener('submit', function (event) {
			problem.hidden = true;
			var confirm = document.getElementById('bulk-confirm');
			confirm.removeAttribute('aria-invalid');
			var checked = rows().some(function (box) { return box.checked; });
			if (scopeSelected.checked && !checked) {
				event.preventDefault();
				refuse('Select contacts first, or choose “all matching this filter”.', null);
			} else if (action.value === 'delete' && confirm.value.trim().toLowerCase() !== 'delete') {
				event.preventDefault();
				refuse('To delete, type delete in the confirmation box.', confirm);
			}
		});
		action.addEventListener('change', refreshValue);
		form.addEventListener('bulk:refresh', refreshCount);
		refreshCount();
		refreshValue();
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', init);
	} else {
		init();
	}
	// The contacts page may swap its table with htmx: count the new rows.
	document.addEventListener('htmx:afterSwap', function () {
		var form = document.getElementById('bulk-form');
		if (form) {
			form.dispatchEvent(new Event('bulk:refresh'));
		}
	});
}());
