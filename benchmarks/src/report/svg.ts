/**
 * The latency/throughput plot as a standalone SVG: one curve per system through its closed-loop levels,
 * p50 solid and p99 dashed, throughput on a linear x axis and latency on a log y axis. Plain strings, so
 * no browser or canvas is needed to draw it.
 */
import type { SystemRun } from '../results.js';

export interface PlotPoint {
  readonly commitsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Shown beside the p50 marker ("64" in flight). */
  readonly label: string;
}

export interface PlotSeries {
  readonly name: string;
  readonly points: readonly PlotPoint[];
}

const WIDTH = 760;
const HEIGHT = 460;
const MARGIN = { left: 70, right: 200, top: 40, bottom: 56 };
const COLORS = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#ff7f0e', '#8c564b'];
const X_TICKS_TARGET = 6;
const P99_DASH = '6 4';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A 1-2-5 step giving about `target` ticks from 0 to `max`. */
export function linearTicks(max: number, target = X_TICKS_TARGET): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** 1-2-5 ticks for a log axis: from the largest tick at or below `min` to the smallest at or above `max`. */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) for (const m of [1, 2, 5]) ticks.push(Number((m * 10 ** e).toPrecision(3)));
  let first = 0;
  while (ticks[first + 1] !== undefined && ticks[first + 1]! <= min) first++;
  let last = ticks.length - 1;
  while (last > first + 1 && ticks[last - 1]! >= max) last--;
  return ticks.slice(first, last + 1);
}

function tickText(v: number): string {
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** The series to plot: every run's closed-loop levels at `payloadBytes`, in order of load. */
export function seriesFromRuns(runs: readonly SystemRun[], payloadBytes: number): PlotSeries[] {
  return runs
    .map((r) => ({
      name: r.system === 'raftbus' ? `raftbus (${r.nodes} nodes)` : `etcd ${r.version} (${r.nodes} members)`,
      points: r.levels
        .filter((l) => l.mode === 'closed' && l.payloadBytes === payloadBytes && l.commitsPerSecond > 0)
        .sort((a, b) => (a.inFlight ?? 0) - (b.inFlight ?? 0))
        .map((l) => ({ commitsPerSecond: l.commitsPerSecond, p50Ms: l.latencyMs.p50, p99Ms: l.latencyMs.p99, label: String(l.inFlight) })),
    }))
    .filter((s) => s.points.length > 0);
}

export function renderSvg(series: readonly PlotSeries[], title: string): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const all = series.flatMap((s) => s.points);
  const latencies = all.flatMap((p) => [p.p50Ms, p.p99Ms]).filter((v) => v > 0 && Number.isFinite(v));
  const xTicks = linearTicks(Math.max(1, ...all.map((p) => p.commitsPerSecond)) * 1.05);
  const xMax = xTicks[xTicks.length - 1]!;
  const yTicks = latencies.length ? logTicks(Math.min(...latencies), Math.max(...latencies)) : [0.1, 1, 10];
  const [yMin, yMax] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const x = (v: number) => MARGIN.left + (v / xMax) * plotW;
  const y = (ms: number) => MARGIN.top + plotH - ((Math.log10(Math.max(ms, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN.left}" y="24" font-size="14" font-weight="bold">${escapeXml(title)}</text>`);
  out.push('<g class="grid" stroke="#e4e4e4" stroke-width="1">');
  for (const t of xTicks) out.push(`<line x1="${f(x(t))}" y1="${MARGIN.top}" x2="${f(x(t))}" y2="${MARGIN.top + plotH}"/>`);
  for (const t of yTicks) out.push(`<line x1="${MARGIN.left}" y1="${f(y(t))}" x2="${MARGIN.left + plotW}" y2="${f(y(t))}"/>`);
  out.push('</g>');
  out.push('<g class="axes" fill="#333333">');
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#333333"/>`);
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333333"/>`);
  for (const t of xTicks) out.push(`<text x="${f(x(t))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${tickText(t)}</text>`);
  for (const t of yTicks) out.push(`<text x="${MARGIN.left - 6}" y="${f(y(t) + 4)}" text-anchor="end">${tickText(t)}</text>`);
  out.push(`<text class="x-label" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">throughput (commits/s)</text>`);
  out.push(`<text class="y-label" x="18" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 18 ${MARGIN.top + plotH / 2})">latency (ms, log scale)</text>`);
  out.push('</g>');
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const path = (key: 'p50Ms' | 'p99Ms') => s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${f(x(p.commitsPerSecond))} ${f(y(p[key]))}`).join(' ');
    out.push(`<g class="series" data-system="${escapeXml(s.name)}">`);
    out.push(`<path class="p50" d="${path('p50Ms')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    out.push(`<path class="p99" d="${path('p99Ms')}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="${P99_DASH}"/>`);
    for (const p of s.points) {
      out.push(`<circle cx="${f(x(p.commitsPerSecond))}" cy="${f(y(p.p50Ms))}" r="3" fill="${color}"/>`);
      out.push(`<text x="${f(x(p.commitsPerSecond) + 5)}" y="${f(y(p.p50Ms) + 14)}" font-size="10" fill="${color}">${escapeXml(p.label)}</text>`);
    }
    out.push('</g>');
  });
  const lx = MARGIN.left + plotW + 16;
  out.push('<g class="legend">');
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const ly = MARGIN.top + 10 + i * 22;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  const ky = MARGIN.top + 20 + series.length * 22;
  out.push(`<line x1="${lx}" y1="${ky}" x2="${lx + 24}" y2="${ky}" stroke="#333333" stroke-width="2"/><text x="${lx + 30}" y="${ky + 4}">p50</text>`);
  out.push(`<line x1="${lx}" y1="${ky + 18}" x2="${lx + 24}" y2="${ky + 18}" stroke="#333333" stroke-width="1.5" stroke-dasharray="${P99_DASH}"/><text x="${lx + 30}" y="${ky + 22}">p99</text>`);
  out.push(`<text x="${lx}" y="${ky + 44}" font-size="10">labels: requests in flight</text>`);
  if (series.length === 0) out.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH / 2}" text-anchor="middle">no data</text>`);
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
