// "Test connection" (the settings tab, the first-run screen, pairing): asks the bridge for its status
// and says, for a person, how long it took, how fresh the data is and which sources do not answer; or,
// when something is wrong, which problem it is and its fix (the connection doctor).
import { apiVersionOf } from '../bridge-client/bridge-client';
import type { TwinStore } from '../twin/twin-store';
import { formatAge } from '../twin/format';
import { degradedDomains } from '../twin/twin-alerts';
import { diagnose } from './connection-diagnosis';
import type { DiagnosisContext, Problem } from './connection-diagnosis';

export interface ConnectionReport {
  /** The problem found; null when the bridge answered and all is well. */
  problem: Problem | null;
  title: string;
  /** What was found (when connected), or the fix. */
  detail: string;
}

export async function testConnection(store: TwinStore, ctx: DiagnosisContext, now: () => Date): Promise<ConnectionReport> {
  const started = Date.now();
  const result = await store.refresh();
  const ms = Date.now() - started;
  const found = diagnose(ctx, result.ok ? null : result, result.ok ? apiVersionOf(result.data) : null);
  if (found !== null) return { problem: found.problem, title: found.title, detail: found.fix };
  if (!result.ok) return { problem: 'bridge-error', title: result.message, detail: '' };
  const status = result.data;
  const degraded = degradedDomains(status);
  const computed = new Date(status.computed_at);
  const parts = [
    `Data computed ${Number.isNaN(computed.getTime()) ? status.computed_at : formatAge(computed, now())}.`,
    degraded.length === 0 ? 'All sources answer.' : `Degraded: ${degraded.join(', ')}.`,
  ];
  return { problem: null, title: `Connected to ${ctx.url} in ${ms} ms.`, detail: parts.join(' ') };
}

/** Draws a report into `el` (its title, then what was found or the fix), replacing what was there. */
export function renderReport(el: HTMLElement, report: ConnectionReport): void {
  el.empty();
  el.toggleClass('dt-doctor-problem', report.problem !== null);
  el.createDiv({ cls: 'dt-doctor-title', text: report.title });
  if (report.detail !== '') el.createDiv({ cls: 'dt-doctor-fix', text: report.detail });
}
