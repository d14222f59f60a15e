// The panel's small SVG images (budget bars, trend scales, sparklines): a few viewBox units that
// fill their box, named for screen readers and, through their <title>, on hover; and the rectangles
// and ticks drawn in them and in the charts. Coordinates are in viewBox units, written as given.
type Coordinate = number | string;

/** An image of `viewBox` units that fills its box; `label` is what it says. */
export function labelledSvg(parent: HTMLElement, cls: string, viewBox: string, label: string): SVGSVGElement {
  const svg = parent.createSvg('svg', { cls, attr: { viewBox, preserveAspectRatio: 'none', role: 'img', 'aria-label': label } });
  svg.createSvg('title').textContent = label;
  return svg;
}

export function rect(svg: SVGElement, cls: string, x: Coordinate, y: Coordinate, width: Coordinate, height: Coordinate): void {
  svg.createSvg('rect', { cls, attr: { x, y, width, height } });
}

/** A vertical line at `x`, as tall as a bar's 10 units. */
export function tick(svg: SVGElement, cls: string, x: Coordinate): void {
  svg.createSvg('line', { cls, attr: { x1: x, x2: x, y1: 0, y2: 10 } });
}
