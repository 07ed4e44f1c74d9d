// Draws the benchmark as an SVG bar chart: requests/s of Taskgate and the
// floor per scenario, each scenario scaled to its own floor (reject runs ten
// times faster than the rest and would flatten them), with the ratio.
// Plain SVG, no dependency.
export function renderChart(summary) {
  const names = Object.keys(summary);
  const width = 720;
  const rowHeight = 56;
  const left = 90;
  const barArea = width - left - 90;
  const height = names.length * rowHeight + 50;
  const bar = (y, value, color, max) =>
    `<rect x="${left}" y="${y}" width="${((value / max) * barArea).toFixed(1)}" height="18" fill="${color}"/>` +
    `<text x="${left + (value / max) * barArea + 6}" y="${y + 14}" font-size="12">${Math.round(value).toLocaleString('en')}</text>`;
  const rows = names
    .map((name, i) => {
      const y = 30 + i * rowHeight;
      const { taskgate, floor, ratio } = summary[name];
      const max = Math.max(taskgate.rps, floor.rps);
      return (
        `<text x="8" y="${y + 26}" font-size="14" font-weight="600">${name}</text>` +
        `<text x="8" y="${y + 42}" font-size="11" fill="#555">${ratio.toFixed(2)}× floor</text>` +
        bar(y + 4, taskgate.rps, '#1565c0', max) +
        bar(y + 26, floor.rps, '#9e9e9e', max)
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="Requests per second, Taskgate against the floor">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" font-size="13">requests/s (each scenario to its own scale), 100 connections, one core: <tspan fill="#1565c0">■ Taskgate</tspan> <tspan fill="#9e9e9e">■ floor (node:http + pg)</tspan></text>
${rows}
</svg>
`;
}

/**
 * Draws the data-scale run (bench/scale.mjs): per list variant, the p50 for
 * the users with 50, 10,000 and 100,000 tasks, on a log scale (the variants
 * run from 2 ms to hundreds), with the 100,000 / 50 ratio and its verdict.
 */
export function renderScaleChart(results) {
  const width = 760;
  const rowHeight = 50;
  const left = 190;
  const barArea = width - left - 80;
  const height = results.length * rowHeight + 50;
  const max = Math.max(...results.flatMap((r) => Object.values(r.ms)));
  const scale = (ms) => (Math.log10(1 + ms) / Math.log10(1 + max)) * barArea;
  const colors = { 50: '#9e9e9e', 10000: '#64b5f6', 100000: '#1565c0' };
  const rows = results
    .map((r, i) => {
      const y = 30 + i * rowHeight;
      const verdict = r.verdict === 'shown' ? 'not judged' : `${r.verdict}, target ≤ ${r.limit}×`;
      const bars = Object.entries(colors)
        .map(([tasks, color], k) => {
          const ms = r.ms[tasks];
          const top = y + 2 + k * 14;
          return (
            `<rect x="${left}" y="${top}" width="${scale(ms).toFixed(1)}" height="12" fill="${color}"/>` +
            `<text x="${left + scale(ms) + 5}" y="${top + 10}" font-size="10">${ms.toFixed(1)} ms</text>`
          );
        })
        .join('');
      return (
        `<text x="8" y="${y + 18}" font-size="13" font-weight="600">${r.variant}</text>` +
        `<text x="8" y="${y + 34}" font-size="11" fill="${r.verdict === 'miss' ? '#c62828' : '#555'}">${r.ratio.toFixed(1)}× (${verdict})</text>` +
        bars
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="List response time (p50) by variant for users with 50, 10,000 and 100,000 tasks">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" font-size="13">list p50, log scale, one request at a time: <tspan fill="#9e9e9e">■ 50 tasks</tspan> <tspan fill="#64b5f6">■ 10,000</tspan> <tspan fill="#1565c0">■ 100,000</tspan></text>
${rows}
</svg>
`;
}
