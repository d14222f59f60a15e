// Long lists show their first few items and a "Show N more" button (a real button: reachable and
// usable from the keyboard). The rest is built only when asked for, which keeps the panel quick.
import { div } from './dom';

export const SHOWN_AT_FIRST = 5;

export interface LimitedList<T> {
  items: readonly T[];
  renderItem: (list: HTMLElement, item: T) => HTMLElement;
  /** Already opened by the person (kept across re-renders by the caller). */
  expanded: boolean;
  onExpand: () => void;
  limit?: number;
}

/** Builds the list (`ul` with class `cls`) in `parent`, and the button right after it when needed. */
export function renderLimited<T>(parent: HTMLElement, cls: string, o: LimitedList<T>): HTMLUListElement {
  const list = parent.createEl('ul', { cls });
  const limit = o.limit ?? SHOWN_AT_FIRST;
  // Showing "1 more" would take as much room as the item itself.
  const all = o.expanded || o.items.length <= limit + 1;
  const first = all ? o.items : o.items.slice(0, limit);
  for (const item of first) o.renderItem(list, item);
  if (all) return list;
  const rest = o.items.slice(limit);
  const button = parent.createEl('button', { cls: 'dt-show-more', text: `Show ${rest.length} more`, attr: { 'aria-expanded': 'false' } });
  button.onClickEvent(() => {
    const shown = rest.map((item) => o.renderItem(list, item));
    button.remove();
    o.onExpand();
    // The button is gone: keep the keyboard where the new items start.
    const target = shown[0];
    if (target) {
      target.setAttr('tabindex', '-1');
      target.focus();
    }
  });
  return list;
}

/** The list under its subtitle, which counts its items: `Low stock (4)`. */
export function titledList<T>(parent: HTMLElement, title: string, cls: string, o: LimitedList<T>): HTMLUListElement {
  div(parent, 'dt-subtitle', `${title} (${o.items.length})`);
  return renderLimited(parent, cls, o);
}

/** An item that is its text alone. */
export const textItem = (list: HTMLElement, text: string): HTMLElement => list.createEl('li', { text });

/**
 * Lists a person opened with "Show N more", per panel element: they stay open across refreshes. The
 * panel's sections share the set, so each list's key is unique in the panel.
 */
const openedLists = new WeakMap<HTMLElement, Set<string>>();

/** Whether the list `key` was opened, and what opens it: a "Show N more" list's two options. */
export type ListState = (key: string) => { expanded: boolean; onExpand: () => void };

export function listState(root: HTMLElement): ListState {
  let opened = openedLists.get(root);
  if (opened === undefined) {
    opened = new Set();
    openedLists.set(root, opened);
  }
  const set = opened;
  return (key) => ({ expanded: set.has(key), onExpand: () => void set.add(key) });
}
