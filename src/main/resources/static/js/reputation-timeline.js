// Draws the reputation timeline's chart: the score (0–100, left axis, straight lines so it never
// overshoots between two days) and the daily sent, delivered, bounced, complaints and, when any
// report counted them, DMARC-reported messages (right axis); the data is in the canvas's data-chart.
(function () {
	function draw() {
		var canvas = document.querySelector('canvas.reputation-chart');
		if (!window.Chart || !canvas || canvas.dataset.drawn) {
			return;
		}
		canvas.dataset.drawn = 'yes';
		var c = JSON.parse(canvas.dataset.chart || '{}');
		function bars(label, data, colour) {
			return { type: 'bar', label: label, data: data, backgroundColor: colour, yAxisID: 'count' };
		}
		new window.Chart(canvas, {
			data: {
				labels: c.days || [],
				datasets: [
					{ type: 'line', label: 'Score', data: c.score || [], borderColor: '#2f5bd3', backgroundColor: '#2f5bd3',
						tension: 0, spanGaps: true, yAxisID: 'score' },
					bars('Sent', c.sent || [], '#b9c6e8'),
					bars('Delivered', c.delivered || [], '#8fd1aa'),
					bars('Bounced', c.bounced || [], '#e7a0a0'),
					bars('Complaints', c.complaints || [], '#f0c36a')
				].concat(c.dmarc ? [bars('DMARC messages', c.dmarc, '#b79ad8')] : [])
			},
			options: {
				animation: false, maintainAspectRatio: false,
				plugins: { legend: { position: 'bottom' } },
				scales: {
					score: { position: 'left', min: 0, max: 100, ticks: { stepSize: 20 },
						title: { display: true, text: 'Score (0–100)' } },
					count: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
						title: { display: true, text: 'Messages a day' } }
				}
			}
		});
	}
	document.addEventListener('DOMContentLoaded', draw);
})();
