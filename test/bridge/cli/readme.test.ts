// The README and docs/ stay true to the code: every setting, endpoint, folder, file, script, metric
// and link they name exists, and every setting, endpoint and folder is named where a reader looks for it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { settingsTable } from '../../../bridge/config/settings-docs';
import { SETTINGS } from '../../../bridge/config/settings';
import { openApiDocument } from '../../../bridge/contract/openapi';
import { createMetrics } from '../../../bridge/metrics/metrics';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const docFiles = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const pages: [string, string][] = [['README.md', readme], ...docFiles.map((f): [string, string] => [f, read(f)])];

/** The part of a page under a `## ` heading, up to the next one. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  expect(start, `no "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The first cell of each row of the markdown tables in `text`, backticks removed. */
function firstCells(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|')[1].trim().replace(/`/g, ''));
}

/** The cells of the table row whose first cell is `key` in backticks. */
function row(text: string, key: string): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
  return line?.split('|').slice(1, -1).map((c) => c.trim());
}

const settingByEnv = new Map(SETTINGS.map((s) => [s.env, s]));
const isSettingRow = (cell: string) => /^[A-Z][A-Z_]+$/.test(cell);
const declaredRows = settingsTable();

/** Every settings row of `text` names a setting with the flag and default its declaration gives. */
function expectSettingRowsTrue(text: string) {
  for (const env of firstCells(text).filter(isSettingRow)) {
    const declared = row(declaredRows, env);
    expect(declared, `${env} is not a setting`).toBeDefined();
    expect(row(text, env)!.slice(0, 3), env).toEqual(declared!.slice(0, 3));
  }
}

describe('README: the first screen', () => {
  const intro = readme.slice(0, readme.indexOf('\n## '));

  it('says what the plugin shows and that it requires the bridge, before the bridge itself', () => {
    const firstParagraph = intro.split('\n\n')[1];
    for (const word of ['side panel', 'history', 'morning briefing', 'daily note']) expect(firstParagraph).toContain(word);
    const requires = firstParagraph.search(/requires the self-hosted Digital Twin bridge/i);
    expect(requires).toBeGreaterThanOrEqual(0);
    expect(requires).toBeLessThan(firstParagraph.indexOf('5677'));
  });

  it('gives the two commands', () => {
    expect(intro).toContain('npm install && npm start');
    expect(intro).toContain('npm test');
  });

  it('stays short', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });
});

describe('settings', () => {
  it("every settings row of the README names a setting, its flag and default (docs/configuration.md's table: settings-docs.test.ts)", () => {
    expectSettingRowsTrue(section(readme, 'Configuration'));
    expect(firstCells(section(readme, 'Configuration')).filter(isSettingRow).length).toBeGreaterThan(3);
  });

  it('every environment variable the pages name is a setting', () => {
    for (const [file, text] of pages) {
      for (const name of text.match(/\b(?:TWIN_[A-Z_]+|DIGITAL_TWIN_[A-Z_]+|[A-Z]+_DATABASE_URL)\b/g) ?? []) {
        expect(settingByEnv.has(name), `${file} names ${name}`).toBe(true);
      }
    }
  });
});

describe('endpoints', () => {
  const documented = Object.keys((openApiDocument('test') as { paths: Record<string, unknown> }).paths);
  const endpoints = [...documented, '/mcp', '/metrics', '/openapi.json'].sort();
  const tablePaths = (text: string) => firstCells(text).filter((c) => c.startsWith('/')).map((c) => c.split('?')[0]).sort();

  it("the README's API table lists every endpoint, and nothing else", () => {
    expect(tablePaths(section(readme, 'API'))).toEqual(endpoints);
  });

  it("docs/api.md's table lists every endpoint, and nothing else", () => {
    expect(tablePaths(read('docs/api.md'))).toEqual(endpoints);
  });
});

describe('code layout', () => {
  const folders = (program: string) =>
    fs.readdirSync(path.join(root, program), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${d.name}/`).sort();
  const layout = read('docs/layout.md');

  it.each(['bridge', 'plugin'])("the README's layout paragraph names every folder of %s/, and only those", (program) => {
    const bullet = section(readme, 'Code layout').split('\n- ').find((b) => b.startsWith(`\`${program}/\``));
    expect(bullet, `no bullet for ${program}/`).toBeDefined();
    const named = [...new Set(bullet!.slice(program.length + 3).match(/`[a-z-]+\/`/g) ?? [])].map((n) => n.replace(/`/g, '')).sort();
    expect(named).toEqual(folders(program));
  });

  it.each(['bridge', 'plugin'])('docs/layout.md has a row for every folder of %s/, and only those', (program) => {
    const rows = firstCells(layout).filter((c) => c.startsWith(`${program}/`)).map((c) => c.slice(program.length + 1)).sort();
    expect(rows).toEqual(folders(program));
  });
});

describe('names and links', () => {
  it('every `npm run` script the pages name exists', () => {
    const scripts = Object.keys(packageJson.scripts);
    for (const [file, text] of pages) {
      for (const [, name] of text.matchAll(/npm run ([a-z][\w:-]*)/g)) expect(scripts, `${file}: npm run ${name}`).toContain(name);
    }
  });

  it('every file and folder of the repository the pages name exists', () => {
    for (const [file, text] of pages) {
      for (const [, named] of text.matchAll(/`((?:bridge|plugin|test|docs)\/[\w./-]*)`/g)) {
        expect(fs.existsSync(path.join(root, named)), `${file} names ${named}`).toBe(true);
      }
    }
  });

  it('every metric the pages name is one the bridge registers', async () => {
    const registered = (await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    for (const [file, text] of pages) {
      for (const name of text.match(/\btwin_[a-z_]+/g) ?? []) expect(registered, `${file} names ${name}`).toContain(name);
    }
  });

  it('every relative link leads to a page and a heading that exist', () => {
    for (const [file, text] of pages) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [linkPath, anchor] = target.split('#');
        const resolved = linkPath ? path.join(path.dirname(file), linkPath) : file;
        expect(fs.existsSync(path.join(root, resolved)), `${file} links to ${target}`).toBe(true);
        if (anchor) expect(anchors(read(resolved)), `${file} links to ${target}`).toContain(anchor);
      }
    }
  });
});

/** The anchors GitHub gives a page's headings (outside fenced code). */
function anchors(text: string): string[] {
  let fenced = false;
  const result: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) result.push(heading[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-'));
  }
  return result;
}
