// Draws the analytics page's daily chart (the data is in the canvas's data-series attribute).
(function () {
	function draw() {
		var canvas = document.getElementById('analytics-chart');
		if (!canvas || !window.Chart || canvas.dataset.drawn) {
			return;
		}
		canvas.dataset.drawn = 'yes';
		var days = JSON.parse(canvas.dataset.series);
		function line(label, key, color, axis) {
			return { label: label, data: days.map(function (d) { return d[key]; }), borderColor: color,
				backgroundColor: color, tension: 0.2, yAxisID: axis, pointRadius: days.length > 60 ? 0 : 2 };
		}
		new window.Chart(canvas, {
			type: 'line',
			data: { labels: days.map(function (d) { return d.day; }),
				datasets: [line('Sent', 'sent', '#5b6b8c', 'y'), line('People opened', 'opened', '#2f8f6f', 'y'),
					line('People replied', 'replied', '#8a4fd8', 'y')] },
			options: { animation: false, maintainAspectRatio: false,
				interaction: { mode: 'index', intersect: false },
				// One scale for all: replies read at their true size next to sends.
				scales: { y: { beginAtZero: true, ticks: { precision: 0 } },
					x: { ticks: { maxTicksLimit: 10, includeBounds: true } } } }
		});
	}
	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', draw);
	}
	else {
		draw();
	}
})();
