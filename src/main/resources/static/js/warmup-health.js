// Draws each warmup health chart (score per day; the data is in the canvas's data-series
// attribute) in content htmx loads, and in the page itself.
(function () {
	function draw(root) {
		if (!window.Chart || !root || !root.querySelectorAll) {
			return;
		}
		root.querySelectorAll('canvas.warmup-health-chart').forEach(function (canvas) {
			if (canvas.dataset.drawn) {
				return;
			}
			canvas.dataset.drawn = 'yes';
			var days = JSON.parse(canvas.dataset.series || '[]');
			new window.Chart(canvas, {
				type: 'line',
				data: {
					labels: days.map(function (d) { return d.day; }),
					datasets: [{ label: 'Health score', data: days.map(function (d) { return d.score; }),
						borderColor: '#2f9e62', backgroundColor: '#2f9e62', tension: 0.2 }]
				},
				options: { animation: false, plugins: { legend: { display: false } },
					scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } } } }
			});
		});
	}
	document.addEventListener('DOMContentLoaded', function () { draw(document); });
	document.addEventListener('htmx:load', function (event) { draw(event.detail.elt); });
})();
