// The views' most common element: a div or span with a class and maybe a text. Hundreds of them are
// built; one short call in place of each option object keeps main.js under its size target.

export function div(parent: HTMLElement, cls: string, text?: string): HTMLDivElement {
  return parent.createDiv({ cls, text });
}

export function span(parent: HTMLElement, cls: string, text?: string): HTMLSpanElement {
  return parent.createSpan({ cls, text });
}
