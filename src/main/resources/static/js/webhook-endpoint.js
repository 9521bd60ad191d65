// The webhook endpoint form: "All events" greys out the single types (they stay as ticked,
// for when it is unticked again).
(function () {
	function sync() {
		var all = document.getElementById('webhook-all-events');
		if (!all) {
			return;
		}
		document.querySelectorAll('.webhook-group input[type="checkbox"]').forEach(function (box) {
			box.disabled = all.checked;
		});
	}
	document.addEventListener('change', function (event) {
		if (event.target.id === 'webhook-all-events') {
			sync();
		}
	});
	document.addEventListener('DOMContentLoaded', sync);
	sync();
})();
