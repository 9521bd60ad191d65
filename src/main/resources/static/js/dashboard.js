// Draws the home page's sends and replies per day (the data is in the canvas's data-series attribute).
(function () {
	function draw() {
		var canvas = document.getElementById('dashboard-chart');
		if (!canvas || !window.Chart || canvas.dataset.drawn) {
			return;
		}
		canvas.dataset.drawn = 'yes';
		var days = JSON.parse(canvas.dataset.series);
		function line(label, key, color) {
			return { label: label, data: days.map(function (d) { return d[key]; }), borderColor: color,
				backgroundColor: color, tension: 0.2 };
		}
		new window.Chart(canvas, {
			type: 'line',
			data: { labels: days.map(function (d) { return d.day; }),
				datasets: [line('Sent', 'sent', '#5b6b8c'), line('Replied', 'replied', '#8a4fd8')] },
			options: { animation: false,
				scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
		});
	}
	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', draw);
	}
	else {
		draw();
	}
})();
