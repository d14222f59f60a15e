// Turns /history rows into what the history view shows: what changed in each transition (against
// the previous row of the same entity), grouped by local day, and the series for the trend lines.
// update_data is read defensively: other systems write rows too, and any shape must render. What
// changed in a row of health, finance or pantry is the contract's transition (bridge/contract/).
import type { HistoryEntry } from '../../bridge/contract/responses';
import type { TransitionChange } from '../../bridge/contract/transition-change';
import { BRIDGE_SOURCE_SYSTEM } from '../../bridge/contract/source-system';
import type { FinanceSnapshot, HealthSnapshot, PantrySnapshot } from '../../bridge/contract/snapshot';
import { asData, readFinance, readHealth, transitionChanges } from '../../bridge/contract/transition';
import { localDateKey } from '../daily-note/briefing-schedule';
import { parseTimestamp } from '../twin/format';
import { changeLines } from './history-lines';

export interface HistoryChange {
  entry: HistoryEntry;
  at: Date | null;
  title: string;
  lines: string[];
  /** What changed, for rows of health, finance and pantry; empty for rows of other shapes. */
  changes: TransitionChange[];
}

export interface HistoryDay {
  day: string;
  changes: HistoryChange[];
}

export interface SeriesPoint {
  t: number;
  v: number;
}

export type SeriesName = 'weight' | 'bodyfat' | 'mtd_net';

/** Rows recorded before the currency was part of the finance snapshot are in the default currency. */
export const DEFAULT_CURRENCY = 'PLN';

export function currencyOf(data: Record<string, unknown> | null): string {
  return typeof data?.currency === 'string' && /^[A-Z]{3}$/.test(data.currency) ? data.currency : DEFAULT_CURRENCY;
}
const MAX_GENERIC_FIELDS = 6;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function describeGeneric(data: unknown, prev: unknown): string[] {
  const obj = asData(data);
  if (obj === null) {
    const value = text(data);
    return value === null ? [] : [value.slice(0, 200)];
  }
  const before = asData(prev);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const shown = text(value);
    if (shown === null) continue;
    if (before !== null && text(before[key]) === shown) continue;
    lines.push(`${key}: ${shown.slice(0, 120)}`);
    if (lines.length >= MAX_GENERIC_FIELDS) break;
  }
  return lines;
}

// A row is read as its entity's snapshot when it carries one of these fields (other systems write
// rows of their own shapes for the same entity types).
const KNOWN: Record<string, { title: string; keys: (keyof HealthSnapshot | keyof FinanceSnapshot | keyof PantrySnapshot)[] }> = {
  health: { title: 'Health', keys: ['bodyweight_kg', 'bodyfat_pct', 'days_since_workout'] },
  finance: { title: 'Finance', keys: ['mtd_net', 'active_budget_alerts'] },
  pantry: { title: 'Pantry', keys: ['low_stock_count', 'expired_count'] },
};

/** A row of a known entity is described by its transition, the same changes the webhook pushes. */
function describe(entry: HistoryEntry, previous: HistoryEntry | null): Pick<HistoryChange, 'lines' | 'changes'> {
  const known = KNOWN[entry.entity_type];
  const data = asData(entry.update_data);
  if (known && data !== null && known.keys.some((key) => key in data)) {
    const before = previous ? previous.update_data : null;
    const changes = transitionChanges(entry.entity_type, before, entry.update_data);
    const lines = changeLines(changes, { currency: currencyOf(data), previousCurrency: currencyOf(asData(before)) });
    return { lines: lines.length > 0 ? lines : ['No change in the tracked values'], changes };
  }
  return { lines: describeGeneric(entry.update_data, previous?.update_data), changes: [] };
}

function titleOf(entry: HistoryEntry): string {
  const known = KNOWN[entry.entity_type];
  const base = known ? known.title : entry.entity_type;
  // Rows the bridge writes are named by their domain alone; rows from other systems say whose they are.
  return entry.source_system && entry.source_system !== BRIDGE_SOURCE_SYSTEM ? `${base} · ${entry.update_type} (${entry.source_system})` : base;
}

/**
 * `entries` newest first, as /history returns them; each is compared with the next older row of its
 * entity type written by the same system, as the webhook pairs them: another system's row of a
 * different shape in between is not the state the bridge's row changed from. Only the newest
 * `limit` are described (older rows still serve as predecessors).
 */
export function describeEntries(entries: readonly HistoryEntry[], limit = entries.length): HistoryChange[] {
  const count = Math.min(limit, entries.length);
  const changes = new Array<HistoryChange>(count);
  const lastSeen = new Map<string, HistoryEntry>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const key = `${entry.entity_type} ${entry.source_system}`;
    const previous = lastSeen.get(key) ?? null;
    lastSeen.set(key, entry);
    if (i >= count) continue;
    let described: Pick<HistoryChange, 'lines' | 'changes'>;
    try {
      described = describe(entry, previous);
    } catch {
      described = { lines: [], changes: [] };
    }
    changes[i] = { entry, at: parseTimestamp(entry.created_at), title: titleOf(entry), ...described };
  }
  return changes;
}

/** Consecutive changes on the same local day, newest day first. */
export function groupByDay(changes: readonly HistoryChange[]): HistoryDay[] {
  const days: HistoryDay[] = [];
  for (const change of changes) {
    const day = change.at ? localDateKey(change.at) : 'Unknown date';
    const last = days[days.length - 1];
    if (last && last.day === day) last.changes.push(change);
    else days.push({ day, changes: [change] });
  }
  return days;
}

const SERIES: Record<SeriesName, { entity: HistoryEntry['entity_type']; value: (data: unknown) => number | null }> = {
  weight: { entity: 'health', value: (data) => readHealth(data).bodyweight_kg },
  bodyfat: { entity: 'health', value: (data) => readHealth(data).bodyfat_pct },
  mtd_net: { entity: 'finance', value: (data) => readFinance(data).mtd_net },
};

/** Oldest first, for a trend line. */
export function seriesOf(entries: readonly HistoryEntry[], name: SeriesName): SeriesPoint[] {
  const { entity, value: valueOf } = SERIES[name];
  const points: SeriesPoint[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.entity_type !== entity) continue;
    const value = valueOf(entry.update_data);
    const at = parseTimestamp(entry.created_at);
    if (value !== null && at !== null) points.push({ t: at.getTime(), v: value });
  }
  return points;
}

/** Adds a page of older entries, skipping any already present (pages may overlap after new writes). */
export function mergeOlder(current: readonly HistoryEntry[], older: readonly HistoryEntry[]): HistoryEntry[] {
  const seen = new Set(current.map((entry) => entry.id));
  return [...current, ...older.filter((entry) => !seen.has(entry.id))];
}
