// Draws a campaign's activity per hour or per day (the data is in the canvas's
// data-series attribute): bars for messages sent, lines for opens, clicks and replies (bars
// for all when there are a few buckets, where a line would be a lone dot); again after htmx
// swaps the panel in. Every bucket is there (zeros included). The chart fills its box
// (.stats-chart-box, a fixed height), so a phone's narrow width does not flatten it.
(function () {
	function label(at, unit) {
		return unit === 'hour' ? at.substring(5, 10) + ' ' + at.substring(11, 16) : at.substring(0, 10);
	}
	function draw() {
		var canvas = document.getElementById('stats-chart');
		if (!canvas || !window.Chart || canvas.dataset.drawn) {
			return;
		}
		canvas.dataset.drawn = 'yes';
		var points = JSON.parse(canvas.dataset.series);
		var unit = canvas.dataset.unit || 'day';
		var few = points.length <= 6;
		var narrow = canvas.parentNode.clientWidth < 600;
		function series(name, key, color, type) {
			return { type: few ? 'bar' : type, label: name, data: points.map(function (p) { return p[key]; }),
				borderColor: color, backgroundColor: color, tension: 0.2, pointRadius: points.length > 48 ? 0 : 3 };
		}
		new window.Chart(canvas, {
			data: { labels: points.map(function (p) { return label(p.at, unit); }), datasets: [
				series('Sent', 'sent', '#b8c2d6', 'bar'),
				series('Opened (people)', 'opensHuman', '#2f9e62', 'line'),
				series('Clicked (people)', 'clicksHuman', '#3b7dd8', 'line'),
				series('Replied', 'replied', '#8a4fd8', 'line'),
				series('Opened (machines)', 'opensMachine', '#d8a24f', 'line')
			] },
			options: { animation: false, responsive: true, maintainAspectRatio: false,
				plugins: { legend: { position: 'bottom', labels: narrow ? { boxWidth: 10, font: { size: 11 } } : {} } },
				scales: {
					x: { title: { display: true, text: unit === 'hour' ? 'Hour (UTC)' : 'Day (UTC)' },
						ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: narrow ? 4 : 12 } },
					y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: !narrow, text: 'Messages and people' } }
				} }
		});
	}
	document.addEventListener('DOMContentLoaded', draw);
	document.addEventListener('htmx:afterSettle', draw);
})();
