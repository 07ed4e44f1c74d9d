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
