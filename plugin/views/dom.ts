// The views' most common element: a div or span with a class and maybe a text. Hundreds of them are
// built; one short call in place of each option object keeps main.js under its size target.

export function div(parent: HTMLElement, cls: string, text?: string): HTMLDivElement {
  return parent.createDiv({ cls, text });
}

export function span(parent: HTMLElement, cls: string, text?: string): HTMLSpanElement {
  return parent.createSpan({ cls, text });
}

/** A section's heading. */
export function sectionTitle(section: HTMLElement, text: string): HTMLHeadingElement {
  return section.createEl('h4', { cls: 'dt-section-title', text });
}

/** For text a screen reader should skip: what it says is said in another way too. */
export const ARIA_HIDDEN = { 'aria-hidden': 'true' };

/** The title of every view's box for a 401 or 403. */
export const REFUSED_KEY = 'The bridge refused the API key';

/** A state box above the figures (offline, a refused key, a briefing not written…): a title and a detail. */
export function stateBox(parent: HTMLElement, kind: string, title: string, detail: string): HTMLDivElement {
  const el = div(parent, `dt-state dt-state-${kind}`);
  div(el, 'dt-state-title', title);
  div(el, 'dt-state-detail', detail);
  return el;
}

/** Why a request failed, as a state box: a refused key says so, anything else gets `title`. */
export function failureBox(parent: HTMLElement, error: { kind: string; message: string }, title: string): HTMLDivElement {
  const refused = error.kind === 'unauthorised';
  return stateBox(parent, refused ? 'unauthorised' : 'offline', refused ? REFUSED_KEY : title, error.message);
}
