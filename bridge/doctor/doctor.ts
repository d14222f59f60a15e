// `digital-twin doctor`: checks each source the way the bridge will use it and prints a table.
// Like a start, it applies the store's pending migrations to the history database first, and says
// what could not be applied and why. Exit code 0 when everything the bridge needs is there, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { probes, serverFacts, type Probe } from './doctor-repository';
import type { Config, SourceName } from '../config/config';
import { DATABASE_NAMES } from '../db/embedded-databases';
import { EMBEDDED_USER, portFree } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrations/run-migrations';
import { createPool } from '../db/pools';
import { describeSourceError } from '../db/source-error';

export interface Check {
  source: string;
  check: string;
  ok: boolean;
  detail: string;
}

function embeddedUrls(config: Config): Record<SourceName | 'twin', string> | string {
  const file = path.join(config.embedded.dataDir, 'pg-password');
  if (!fs.existsSync(file)) return `no embedded database in ${config.embedded.dataDir} yet (run the bridge once)`;
  const password = encodeURIComponent(fs.readFileSync(file, 'utf8').trim());
  const url = (db: string) => `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${config.embedded.port}/${db}`;
  return { finance: url(DATABASE_NAMES.finance), training: url(DATABASE_NAMES.training), pantry: url(DATABASE_NAMES.pantry), twin: url(DATABASE_NAMES.finance) };
}

/** The store's migrations, as a start applies them: one line for the whole, one for each not applied. */
async function migrationChecks(pool: pg.Pool): Promise<Omit<Check, 'source'>[]> {
  const report = await runMigrations(pool);
  const done = report.applied.length + report.earlier.length;
  const now = report.applied.length > 0 ? `, ${report.applied.length} of them now` : '';
  const unrecorded = report.recorded ? '' : `; not recorded: ${report.unrecorded}`;
  const required = report.pending.filter((p) => !p.optional);
  return [
    { check: 'migrations', ok: required.length === 0, detail: `${done} of ${done + report.pending.length} applied${now}${unrecorded}` },
    ...report.pending.map((p) => ({ check: `migration ${p.id}`, ok: p.optional, detail: p.problem })),
  ];
}

async function checkSource(name: SourceName | 'twin', url: string, config: Config, list: Probe[]): Promise<Check[]> {
  const pool: pg.Pool = createPool(url, { name: `doctor-${name}`, timezone: config.timezone, max: 1, statementTimeoutMs: 5000 });
  const out: Check[] = [];
  const run = async (check: string, work: () => Promise<Omit<Check, 'source'>[]>) => {
    try {
      out.push(...(await work()).map((c) => ({ source: name, ...c })));
    } catch (err) {
      out.push({ source: name, check, ok: false, detail: describeSourceError(name, err) });
    }
  };
  try {
    const server = await serverFacts(pool);
    out.push({ source: name, check: 'reachable', ok: true, detail: `${server.version.split(' on ')[0]}, TimeZone ${server.tz}, today ${server.today}` });
    if (name === 'twin') await run('migrations', () => migrationChecks(pool));
    for (const p of list) await run(p.check, async () => [{ check: p.check, ...(await p.run(pool)) }]);
  } catch (err) {
    out.push({ source: name, check: 'reachable', ok: false, detail: describeSourceError(name, err) });
  } finally {
    await pool.end().catch(() => {});
  }
  return out;
}

export async function doctorChecks(config: Config): Promise<Check[]> {
  const urls = config.databases ?? embeddedUrls(config);
  if (typeof urls === 'string') return [{ source: 'embedded', check: 'data folder', ok: false, detail: urls }];
  if (!config.databases && (await portFree(config.embedded.port))) {
    return [
      {
        source: 'embedded',
        check: 'running',
        ok: false,
        detail: `nothing listens on 127.0.0.1:${config.embedded.port}: the embedded database runs while the bridge runs; start the bridge first (npm start)`,
      },
    ];
  }
  const all = probes(config);
  const results = await Promise.all(
    (['finance', 'training', 'pantry', 'twin'] as const).map((n) => checkSource(n, urls[n], config, all[n])),
  );
  return [{ source: 'config', check: 'time zone', ok: true, detail: `${config.timezone}, currency ${config.currency}` }, ...results.flat()];
}

export function formatChecks(checks: Check[]): string {
  const w = (k: 'source' | 'check') => Math.max(k.length, ...checks.map((c) => c[k].length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w('source'))}  ${b.padEnd(w('check'))}  ${c.padEnd(4)}  ${d}`;
  return [line('source', 'check', 'ok', 'detail'), ...checks.map((c) => line(c.source, c.check, c.ok ? 'yes' : 'NO', c.detail))].join('\n');
}

export async function runDoctor(config: Config, out: Writable): Promise<number> {
  const checks = await doctorChecks(config);
  out.write(`${formatChecks(checks)}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  out.write(failed === 0 ? '\nAll checks passed.\n' : `\n${failed} check(s) failed.\n`);
  return failed === 0 ? 0 : 1;
}
