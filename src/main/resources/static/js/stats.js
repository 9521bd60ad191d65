// Draws a campaign's figures per day (the data is in the canvas's data-series attribute),
// again after htmx swaps the panel in.
(function () {
	function draw() {
		var canvas = document.getElementById('stats-chart');
		if (!canvas || !window.Chart || canvas.dataset.drawn) {
			return;
		}
		canvas.dataset.drawn = 'yes';
		var days = JSON.parse(canvas.dataset.series);
		var labels = days.map(function (d) { return d.day.substring(0, 10); });
		function line(label, key, color) {
			return { label: label, data: days.map(function (d) { return d[key]; }), borderColor: color,
				backgroundColor: color, tension: 0.2 };
		}
		new window.Chart(canvas, {
			type: 'line',
			data: { labels: labels, datasets: [
				line('Sent', 'sent', '#5b6b8c'), line('Opened (people)', 'openedHuman', '#2f9e62'),
				line('Opened (machines)', 'openedMachine', '#b8c2d6'), line('Clicked', 'clicked', '#3b7dd8'),
				line('Replied', 'replied', '#8a4fd8'), line('Bounced', 'bounced', '#d84f4f'),
				line('Unsubscribed', 'unsubscribed', '#d8a24f'), line('Complaints', 'complained', '#7a1f1f')
			] },
			options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
		});
	}
	document.addEventListener('DOMContentLoaded', draw);
	document.addEventListener('htmx:afterSettle', draw);
})();
