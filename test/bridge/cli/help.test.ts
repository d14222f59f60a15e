// `digital-twin --help` as a user reads it: every setting with the default the bridge really uses,
// and every endpoint the OpenAPI document describes.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseSettings, type ConfigInputs } from '../../../bridge/config/config';
import { SETTINGS } from '../../../bridge/config/settings';
import { openApiDocument } from '../../../bridge/contract/openapi';
import { BIN } from '../embedded/bridge-process';

let help: string;
beforeAll(() => {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000, cwd: '/' });
  expect(r.status).toBe(0);
  help = r.stdout;
});

const EMPTY: ConfigInputs = { env: {}, envFileDir: null };
const SOURCES = {
  FINANCE_DATABASE_URL: 'postgres://twin:pw@db.lan:5432/autonomous_finance',
  TRAINING_DATABASE_URL: 'postgres://twin:pw@db.lan:5432/autonomous_training',
  PANTRY_DATABASE_URL: 'postgres://twin:pw@db.lan:5432/autonomous_pantry',
};

/** The help's settings: flag, variable and shown default of each row, and the text on the line below. */
function helpSettings(): Map<string, { flag: string; takesValue: boolean; shown: string; text: string }> {
  const lines = help.split('\n');
  const rows = new Map<string, { flag: string; takesValue: boolean; shown: string; text: string }>();
  lines.forEach((line, i) => {
    const m = /^ {2}--([a-z-]+)( <value>)?\s+([A-Z_]+)\s+default: (.*)$/.exec(line);
    if (m) rows.set(m[3], { flag: m[1], takesValue: m[2] !== undefined, shown: m[4], text: lines[i + 1].trim() });
  });
  return rows;
}

// The machine's zone for these tests: not UTC, which would pass for a default of UTC too.
const MACHINE_ZONE = 'Pacific/Auckland';

const valueAt = (values: object, keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], values);

// What a default that is described rather than written as a value means, checked against the value used.
const DESCRIBED: Record<string, (used: unknown, shown: string) => void> = {
  '(none)': (used) => expect([null, []]).toContainEqual(used),
  '(keep everything)': (used) => expect(used).toBeNull(),
  '(embedded)': (used) => {
    expect(used).toBeNull();
    expect(loadConfig(EMPTY).databases).toBeNull();
  },
  '(system zone)': (used) => expect(used).toBe(MACHINE_ZONE),
  FINANCE_DATABASE_URL: (used) => {
    expect(used).toBeNull();
    expect(loadConfig({ ...EMPTY, env: SOURCES }).databases?.twin).toBe(SOURCES.FINANCE_DATABASE_URL);
  },
  '~/.digital-twin (as root: /var/lib/digital-twin)': (used, shown) => {
    const [, home, root] = /^~\/(\S+) \(as root: (\S+)\)$/.exec(shown)!;
    expect(used).toBe(process.getuid?.() === 0 ? root : path.join(os.homedir(), home));
  },
};

/** Every default --help shows is the value an empty environment gives. */
function expectShownDefaultsUsed() {
  const used = parseSettings(EMPTY);
  for (const [env, { shown }] of helpSettings()) {
    const s = SETTINGS.find((x) => x.env === env)!;
    const value = valueAt(used, s.path);
    if (shown in DESCRIBED) {
      DESCRIBED[shown](value, shown);
    } else {
      // A default shown as a value is that value: setting it changes nothing.
      expect(valueAt(parseSettings({ ...EMPTY, env: { [env]: shown } }), s.path), env).toEqual(value);
    }
  }
}

describe('digital-twin --help: settings', () => {
  it('lists every setting, and nothing else, with its flag and what it means', () => {
    const rows = helpSettings();
    expect([...rows.keys()]).toEqual(SETTINGS.map((s) => s.env));
    for (const s of SETTINGS) {
      expect(rows.get(s.env)).toMatchObject({ flag: s.flag, takesValue: !s.boolean, text: s.help });
    }
  });

  it('shows the default each setting takes from an empty environment', () => {
    const zone = process.env.TZ;
    process.env.TZ = MACHINE_ZONE;
    try {
      expectShownDefaultsUsed();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('the configuration holds those defaults, with no source databases and no webhook', () => {
    expect(loadConfig(EMPTY)).toEqual({ ...parseSettings(EMPTY), databases: null, webhook: null });
  });
});

describe('digital-twin --help: endpoints', () => {
  const { paths } = openApiDocument('test') as { paths: Record<string, Record<string, { summary: string }>> };

  function helpEndpoints(): Map<string, { methods: string; summary: string }> {
    const section = help.slice(help.indexOf('\nOnce it runs'));
    const rows = [...section.matchAll(/^ {2}((?:GET|POST)(?: POST)?)\s+(\/\S*)\s+(.*)$/gm)];
    return new Map(rows.map(([, methods, p, summary]) => [p, { methods, summary }]));
  }

  it('lists every path of the OpenAPI document with its methods and summary, the document, the agents\' tools and the metrics', () => {
    const listed = helpEndpoints();
    expect([...listed.keys()].sort()).toEqual([...Object.keys(paths), '/mcp', '/metrics', '/openapi.json'].sort());
    for (const [p, operations] of Object.entries(paths)) {
      expect(listed.get(p)?.methods, p).toBe(Object.keys(operations).map((m) => m.toUpperCase()).join(' '));
      expect(listed.get(p)?.summary, p).toContain(Object.values(operations)[0].summary);
    }
  });

  it('names the values a path parameter takes', () => {
    expect(helpEndpoints().get('/health/domain/{name}')?.summary).toMatch(/\(\{name\}: health, finance, pantry\)$/);
  });
});
