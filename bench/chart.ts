// An SVG chart of the benchmark: throughput as a ratio of the ceiling, and p99 latency, per case.
export interface ChartRow {
  label: string;
  ratio: number;
  p99: number;
}

export function renderChart(title: string, rows: readonly ChartRow[]): string {
  const barHeight = 22;
  const left = 260;
  const width = 900;
  const plot = 280;
  const height = 60 + rows.length * (barHeight + 8);
  const maxP99 = Math.max(1, ...rows.map((row) => row.p99));
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = rows.map((row, index) => {
    const y = 45 + index * (barHeight + 8);
    const ratioWidth = Math.max(1, Math.min(1, row.ratio) * plot);
    const p99Width = Math.max(1, (row.p99 / maxP99) * plot);
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escape(row.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${ratioWidth.toFixed(1)}" height="${barHeight}" fill="#3b7dd8"/>`,
      `<text x="${left + ratioWidth + 4}" y="${y + 15}">${row.ratio.toFixed(2)}</text>`,
      `<rect x="${left + plot + 60}" y="${y}" width="${p99Width.toFixed(1)}" height="${barHeight}" fill="#d8843b"/>`,
      `<text x="${left + plot + 64 + p99Width}" y="${y + 15}">${row.p99} ms</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="${left}" y="38">throughput / ceiling (same run)</text>`,
    `<text x="${left + plot + 60}" y="38">p99 latency</text>`,
    ...bars,
    '</svg>',
  ].join('\n');
}
