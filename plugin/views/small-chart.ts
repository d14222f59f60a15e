// Small SVG charts with their scale written beside them: the highest and lowest value, the first and
// last date. Pointing at the chart, or moving along it with the arrow keys once it has focus, shows
// the nearest point's date and value in the readout above it (announced to screen readers); the
// chart's label sums it up and its description gives every value. One marker and one readout per
// chart instead of an element per point keep a 90-day chart cheap to draw. Colours: styles.css.
import { ARIA_HIDDEN, span } from './dom';
import { rect } from './svg-shapes';

export interface ChartPoint {
  /** YYYY-MM-DD or YYYY-MM, shown as it is. */
  label: string;
  value: number;
}

export interface ChartSpec {
  /** CSS name of the series: dt-chart-<name>. */
  name: string;
  title: string;
  points: readonly ChartPoint[];
  show: (value: number) => string;
  /** The scale's labels, when they need to be shorter than `show` (money: `+4.9k PLN`). */
  axis?: (value: number) => string;
  /** `line` over time (x by date), or `bars` around zero (one per point, red below zero). */
  kind: 'line' | 'bars';
}

const WIDTH = 300;
const HEIGHT = 72;
const PAD = 4;

export interface Scale {
  min: number;
  max: number;
}

/** The value range drawn: the data's, with zero included for bars (they grow from it). */
export function chartScale(spec: Pick<ChartSpec, 'points' | 'kind'>): Scale {
  let min = Infinity;
  let max = -Infinity;
  for (const p of spec.points) {
    if (p.value < min) min = p.value;
    if (p.value > max) max = p.value;
  }
  if (spec.kind === 'bars') {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  return { min, max };
}

/** One sentence for screen readers: what, when, the range and the latest value. */
export function chartSummary(spec: ChartSpec): string {
  const { points } = spec;
  if (points.length === 0) return `${spec.title}: no data`;
  const values = points.map((p) => p.value);
  const first = points[0];
  const last = points[points.length - 1];
  return `${spec.title}, ${points.length} points from ${first.label} to ${last.label}: lowest ${spec.show(Math.min(...values))}, highest ${spec.show(Math.max(...values))}, latest ${spec.show(last.value)}`;
}

/** Gives each chart's list of values an id of its own, for the drawing's aria-describedby. */
let chartCount = 0;

function timeOf(label: string): number {
  const ms = Date.parse(label.length === 7 ? `${label}-01` : label);
  return Number.isNaN(ms) ? NaN : ms;
}

export function renderChart(parent: HTMLElement, spec: ChartSpec): HTMLElement {
  const figure = parent.createEl('figure', { cls: `dt-chart dt-chart-${spec.name} dt-chart-${spec.kind}` });
  const caption = figure.createEl('figcaption', { cls: 'dt-chart-title' });
  caption.createSpan({ text: spec.title });
  const { points } = spec;
  if (points.length === 0) {
    span(caption, 'dt-chart-readout dt-muted', 'no data');
    return figure;
  }
  const readout = caption.createSpan({ cls: 'dt-chart-readout', text: spec.show(points[points.length - 1].value), attr: { 'aria-live': 'polite' } });
  const scale = chartScale(spec);
  // The scale is text beside the drawing, so it stays readable at any width and in any theme.
  const axis = figure.createDiv({ cls: 'dt-chart-y', attr: ARIA_HIDDEN });
  const tick = spec.axis ?? spec.show;
  span(axis, 'dt-chart-max', tick(scale.max));
  span(axis, 'dt-chart-min', tick(scale.min));
  const valuesId = `dt-chart-values-${++chartCount}`;
  const svg = figure.createSvg('svg', {
    cls: 'dt-chart-svg',
    attr: { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', tabindex: 0, 'aria-label': `${chartSummary(spec)}. Arrow keys move along the points.`, 'aria-describedby': valuesId },
  });
  const range = scale.max - scale.min;
  const y = (v: number) => (range === 0 ? HEIGHT / 2 : PAD + ((scale.max - v) / range) * (HEIGHT - 2 * PAD));
  const xs = spec.kind === 'line' ? drawLine(svg, spec, y) : drawBars(svg, spec, y);
  const marker = svg.createSvg('circle', { cls: 'dt-chart-marker dt-hidden', attr: { r: 3.5, cx: xs[xs.length - 1], cy: y(points[points.length - 1].value) } });
  const x = figure.createDiv({ cls: 'dt-chart-x', attr: ARIA_HIDDEN });
  x.createSpan({ text: points[0].label });
  if (points.length > 1) x.createSpan({ text: points[points.length - 1].label });
  // Hidden, so the browser never lays out this long line; a description is read even when hidden.
  figure.createDiv({ cls: 'dt-chart-values', text: `Values: ${points.map((p) => `${p.label} ${spec.show(p.value)}`).join('; ')}.`, attr: { id: valuesId, hidden: true } });

  let selected = points.length - 1;
  const select = (index: number | null) => {
    if (index === null) {
      readout.setText(spec.show(points[points.length - 1].value));
      marker.addClass('dt-hidden');
      return;
    }
    selected = Math.min(Math.max(index, 0), points.length - 1);
    const p = points[selected];
    readout.setText(`${p.label}: ${spec.show(p.value)}`);
    marker.setAttr('cx', xs[selected].toFixed(1));
    marker.setAttr('cy', y(p.value).toFixed(1));
    marker.removeClass('dt-hidden');
  };
  svg.addEventListener('pointermove', (ev: PointerEvent) => {
    const box = svg.getBoundingClientRect();
    if (box.width > 0) select(nearest(xs, ((ev.clientX - box.left) / box.width) * WIDTH));
  });
  svg.addEventListener('pointerleave', () => select(null));
  svg.addEventListener('blur', () => select(null));
  svg.addEventListener('keydown', (ev: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: selected - 1, ArrowRight: selected + 1, Home: 0, End: points.length - 1 };
    const to = moves[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    select(to);
  });
  return figure;
}

/** Index of the point whose x is closest to `at` (xs ascending). */
export function nearest(xs: readonly number[], at: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - at) < Math.abs(xs[best] - at)) best = i;
  return best;
}

/** Draws the line; returns each point's x in viewBox units. */
function drawLine(svg: SVGSVGElement, spec: ChartSpec, y: (v: number) => number): number[] {
  const { points } = spec;
  const times = points.map((p) => timeOf(p.label));
  const byTime = times.every((t) => !Number.isNaN(t));
  const t0 = byTime ? times[0] : 0;
  const t1 = byTime ? times[times.length - 1] : points.length - 1;
  const xs = points.map((_, i) => {
    const t = byTime ? times[i] : i;
    return t1 === t0 ? WIDTH / 2 : PAD + ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);
  });
  const coords = points.map((p, i) => `${xs[i].toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  svg.createSvg('polyline', { cls: 'dt-chart-line', attr: { points: coords } });
  const last = points.length - 1;
  svg.createSvg('circle', { cls: 'dt-chart-last', attr: { cx: xs[last].toFixed(1), cy: y(points[last].value).toFixed(1), r: 2.5 } });
  return xs;
}

/** Draws one bar per point from zero; returns each bar's middle in viewBox units. */
function drawBars(svg: SVGSVGElement, spec: ChartSpec, y: (v: number) => number): number[] {
  const { points } = spec;
  const slot = (WIDTH - 2 * PAD) / points.length;
  const width = Math.max(1, slot * 0.7);
  const zero = y(0);
  const xs = points.map((p, i) => {
    const top = Math.min(y(p.value), zero);
    const height = Math.max(Math.abs(y(p.value) - zero), 1);
    const left = PAD + i * slot + (slot - width) / 2;
    rect(svg, `dt-chart-bar ${p.value < 0 ? 'dt-chart-bar-negative' : 'dt-chart-bar-positive'}`, left.toFixed(1), top.toFixed(1), width.toFixed(1), height.toFixed(1));
    return left + width / 2;
  });
  svg.createSvg('line', { cls: 'dt-chart-zero', attr: { x1: 0, x2: WIDTH, y1: zero.toFixed(1), y2: zero.toFixed(1) } });
  return xs;
}
