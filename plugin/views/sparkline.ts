// A tiny inline SVG trend line. Colours come from CSS classes (styles.css), never from attributes.
import type { SeriesPoint } from './history-model';
import { labelledSvg } from './svg-shapes';

const WIDTH = 100;
const HEIGHT = 24;
const PAD = 2;

/** Polyline points scaled into the sparkline's box; time on x, value on y (higher is up). */
export function sparklinePoints(points: readonly SeriesPoint[]): string {
  if (points.length === 0) return '';
  const ts = points.map((p) => p.t);
  const vs = points.map((p) => p.v);
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  const v0 = Math.min(...vs);
  const v1 = Math.max(...vs);
  const x = (t: number) => (t1 === t0 ? WIDTH / 2 : PAD + ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD));
  const y = (v: number) => (v1 === v0 ? HEIGHT / 2 : HEIGHT - PAD - ((v - v0) / (v1 - v0)) * (HEIGHT - 2 * PAD));
  return points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
}

/** `label` names the line for screen readers and, as its <title>, on hover. */
export function renderSparkline(parent: HTMLElement, points: readonly SeriesPoint[], label: string, cls: string): SVGSVGElement {
  const svg = labelledSvg(parent, `dt-sparkline ${cls}`, `0 0 ${WIDTH} ${HEIGHT}`, label);
  svg.createSvg('polyline', { cls: 'dt-sparkline-line', attr: { points: sparklinePoints(points), 'vector-effect': 'non-scaling-stroke' } });
  return svg;
}
