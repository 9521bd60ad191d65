// Draws the system status page's history charts from #system-charts' data-chart: one line per figure
// over the hours, with its least-squares trend dashed (and, for the disk, the disk's size).
(function () {
	function trend(values) {
		var n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
		values.forEach(function (y, x) {
			if (y === null || y === undefined) { return; }
			n++; sx += x; sy += y; sxx += x * x; sxy += x * y;
		});
		var d = n * sxx - sx * sx;
		if (n < 3 || d === 0) { return null; }
		var slope = (n * sxy - sx * sy) / d, intercept = (sy - slope * sx) / n;
		return values.map(function (_, x) { return Math.round((intercept + slope * x) * 10) / 10; });
	}
	function draw() {
		var box = document.getElementById('system-charts');
		if (!window.Chart || !box || box.dataset.drawn) { return; }
		box.dataset.drawn = 'yes';
		var c = JSON.parse(box.dataset.chart || '{}');
		var labels = (c.hours || []).map(function (h) { return h.substring(5, 13).replace('T', ' ') + 'h'; });
		var series = { cpu: c.cpu, heap: c.heap, disk: c.diskUsed, database: c.database, sends: c.sends, queue: c.queue };
		box.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
			var name = canvas.dataset.series, data = series[name] || [];
			var sets = [{ label: 'Measured', data: data, borderColor: '#2f5bd3', backgroundColor: '#2f5bd3',
				pointRadius: data.length > 48 ? 0 : 2, tension: 0, spanGaps: true }];
			var line = trend(data);
			if (line) {
				sets.push({ label: 'Trend', data: line, borderColor: '#d97706', borderDash: [6, 4], pointRadius: 0 });
			}
			if (name === 'disk') {
				sets.push({ label: 'Disk size', data: c.diskTotal, borderColor: '#b42318', pointRadius: 0 });
			}
			new window.Chart(canvas, {
				type: 'line', data: { labels: labels, datasets: sets },
				options: { animation: false, maintainAspectRatio: false,
					plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
					scales: { x: { ticks: { maxTicksLimit: 6, maxRotation: 0 } }, y: { beginAtZero: true } } }
			});
		});
		box.dataset.drawn = 'done';
	}
	document.addEventListener('DOMContentLoaded', draw);
})();
