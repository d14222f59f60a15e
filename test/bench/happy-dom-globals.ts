// A happy-dom window as the global DOM, installed before the in-memory Obsidian is evaluated (it adds
// Obsidian's createEl/createDiv helpers to the DOM prototypes it finds).
import { Window } from 'happy-dom';

const window = new Window({ url: 'http://localhost/' });
const g = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(window)) {
  if (key in g) continue;
  try {
    g[key] = (window as unknown as Record<string, unknown>)[key];
  } catch {
    // a getter that throws outside a browsing context: not needed here
  }
}
g.window = window;
g.document = window.document;
