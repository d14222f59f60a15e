// The table of settings in docs/configuration.md, written from the settings' declarations; a test
// holds the page to it.
import { SETTINGS } from './settings';

export function settingsTable(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | \`--${s.flag}\` | ${s.defaultMarkdown} | ${s.helpMarkdown} |`);
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
