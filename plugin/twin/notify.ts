// A notice that names the plugin first, so a person who sees it knows where it came from.
import { Notice } from 'obsidian';

export function notify(message: string): void {
  new Notice(`Digital twin: ${message}`);
}
