// Turns /history rows into what the history view shows: what changed in each transition (against
// the previous row of the same entity), grouped by local day, and the series for the trend lines.
// update_data is read defensively: other systems write rows too, and any shape must render.
import type { HistoryEntry } from '../../bridge/contract/responses';
import { localDateKey } from '../daily-note/briefing-schedule';
import { formatNumber, formatSignedMoney, parseTimestamp } from '../twin/format';
import { severityRank } from '../../bridge/contract/alert-order';

export interface HistoryChange {
  entry: HistoryEntry;
  at: Date | null;
  title: string;
  lines: string[];
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

type Data = Record<string, unknown>;

function asData(value: unknown): Data | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : null;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function signed(delta: number, digits = 1): string {
  const rounded = Number(delta.toFixed(digits));
  return `${rounded > 0 ? '+' : ''}${formatNumber(rounded, digits)}`;
}

function numberChange(lines: string[], label: string, now: unknown, before: unknown, unit: string, first: boolean): void {
  const a = num(now);
  const b = num(before);
  if (a === null) return;
  if (first || b === null) lines.push(`${label} ${formatNumber(a)}${unit}`);
  else if (a !== b) lines.push(`${label} ${formatNumber(b)} → ${formatNumber(a)}${unit} (${signed(a - b)})`);
}

function textChange(lines: string[], label: string, now: unknown, before: unknown, first: boolean): void {
  const a = text(now);
  const b = text(before);
  if (a === null) return;
  if (first || b === null) lines.push(`${label}: ${a}`);
  else if (a !== b) lines.push(`${label}: ${b} → ${a}`);
}

function describeHealth(data: Data, prev: Data | null): string[] {
  const first = prev === null;
  const p = prev ?? {};
  const lines: string[] = [];
  numberChange(lines, 'Weight', data.bodyweight_kg, p.bodyweight_kg, ' kg', first);
  numberChange(lines, 'Body fat', data.bodyfat_pct, p.bodyfat_pct, ' %', first);
  textChange(lines, 'Trend', data.weight_trend, p.weight_trend, first);
  textChange(lines, 'Last workout', data.last_workout_date, p.last_workout_date, first);
  numberChange(lines, 'Days since workout', data.days_since_workout, p.days_since_workout, '', first);
  numberChange(lines, 'Workouts this week', data.workouts_this_week, p.workouts_this_week, '', first);
  const suggestion = (v: unknown) => (typeof v === 'string' ? (SUGGESTIONS[v] ?? v) : v);
  textChange(lines, 'Today', suggestion(data.suggestion), suggestion(p.suggestion), first);
  return lines;
}

const SUGGESTIONS: Record<string, string> = {
  done_today: 'done today',
  rest_day: 'rest day',
  training_day: 'train today',
  overdue: 'overdue',
  no_workouts: 'no workouts yet',
};

/**
 * Budget alerts by id, each with the name a person knows it by (its category when recorded), worst
 * first: the rows keep the database function's order (budget priority), a person reads severity.
 */
function alertMap(value: unknown): Map<string, { name: string; severity: string }> {
  const found: [string, { name: string; severity: string }][] = [];
  if (!Array.isArray(value)) return new Map();
  for (const item of value) {
    const alert = asData(item);
    const id = alert ? text(alert.budget_id) : null;
    if (alert && id !== null) found.push([id, { name: text(alert.category) ?? id, severity: text(alert.severity) ?? '?' }]);
  }
  // A stable sort: within a severity, the recorded order stays.
  return new Map(found.sort((a, b) => severityRank(a[1].severity) - severityRank(b[1].severity)));
}

/**
 * Budgets are per month, so their ids change with the month: across a change of month an alert is
 * matched by its category instead, and one that goes on alerting is not reported as cleared and new.
 */
function rekeyByName(alerts: Map<string, { name: string; severity: string }>): Map<string, { name: string; severity: string }> {
  const byName = new Map<string, { name: string; severity: string }>();
  for (const alert of alerts.values()) if (!byName.has(alert.name)) byName.set(alert.name, alert);
  return byName;
}

function describeFinance(data: Data, prev: Data | null): string[] {
  const first = prev === null;
  const p = prev ?? {};
  const lines: string[] = [];
  const month = text(data.month);
  const monthBefore = text(p.month);
  const newMonth = !first && month !== null && monthBefore !== null && month !== monthBefore;
  if (newMonth) lines.push(`New month: ${month}`);
  const net = num(data.mtd_net);
  const netBefore = num(p.mtd_net);
  const currency = currencyOf(data);
  if (net !== null) {
    // A new month's net starts again from zero: "before → after" would compare two months.
    if (first || newMonth || netBefore === null) lines.push(`Net this month ${formatSignedMoney(net, currency)}`);
    else if (net !== netBefore) lines.push(`Net this month ${formatSignedMoney(netBefore, currencyOf(p))} → ${formatSignedMoney(net, currency)}`);
  }
  numberChange(lines, 'Budget alerts', data.active_budget_alerts, p.active_budget_alerts, '', first);
  let now = alertMap(data.alerts);
  let before = first ? new Map<string, { name: string; severity: string }>() : alertMap(p.alerts);
  if (newMonth) {
    now = rekeyByName(now);
    before = rekeyByName(before);
  }
  for (const [key, { name, severity }] of now) {
    const old = before.get(key);
    if (old === undefined) lines.push(`New alert: ${name} (${severity})`);
    else if (old.severity !== severity) lines.push(`Alert ${name}: ${old.severity} → ${severity}`);
  }
  for (const [key, { name }] of before) if (!now.has(key)) lines.push(`Alert cleared: ${name}`);
  return lines;
}

function describePantry(data: Data, prev: Data | null): string[] {
  const first = prev === null;
  const p = prev ?? {};
  const lines: string[] = [];
  numberChange(lines, 'Low stock', data.low_stock_count, p.low_stock_count, '', first);
  const now = strings(data.low_stock_items);
  const before = new Set(first ? [] : strings(p.low_stock_items));
  const added = now.filter((item) => !before.has(item));
  const removed = [...before].filter((item) => !now.includes(item));
  if (added.length > 0) lines.push(`${first ? 'Low' : 'Now low'}: ${added.join(', ')}`);
  if (removed.length > 0) lines.push(`Restocked: ${removed.join(', ')}`);
  numberChange(lines, 'Expired', data.expired_count, p.expired_count, '', first);
  numberChange(lines, 'Expiring soon', data.expiring_count, p.expiring_count, '', first);
  return lines;
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

const KNOWN: Record<string, { title: string; keys: string[]; describe: (data: Data, prev: Data | null) => string[] }> = {
  health: { title: 'Health', keys: ['bodyweight_kg', 'bodyfat_pct', 'days_since_workout'], describe: describeHealth },
  finance: { title: 'Finance', keys: ['mtd_net', 'active_budget_alerts'], describe: describeFinance },
  pantry: { title: 'Pantry', keys: ['low_stock_count', 'expired_count'], describe: describePantry },
};

function describe(entry: HistoryEntry, previous: HistoryEntry | null): string[] {
  const known = KNOWN[entry.entity_type];
  const data = asData(entry.update_data);
  if (known && data !== null && known.keys.some((key) => key in data)) {
    const prevData = previous ? asData(previous.update_data) : null;
    const lines = known.describe(data, prevData);
    return lines.length > 0 ? lines : ['No change in the tracked values'];
  }
  return describeGeneric(entry.update_data, previous?.update_data);
}

/** The source_system of the rows the bridge itself records. */
export const BRIDGE_SOURCE_SYSTEM = 'g04_engine';

function titleOf(entry: HistoryEntry): string {
  const known = KNOWN[entry.entity_type];
  const base = known ? known.title : entry.entity_type;
  // Rows the bridge writes are named by their domain alone; rows from other systems say whose they are.
  return entry.source_system && entry.source_system !== BRIDGE_SOURCE_SYSTEM ? `${base} · ${entry.update_type} (${entry.source_system})` : base;
}

/**
 * `entries` newest first, as /history returns them; each is compared with the next older row of its
 * entity type. Only the newest `limit` are described (older rows still serve as predecessors).
 */
export function describeEntries(entries: readonly HistoryEntry[], limit = entries.length): HistoryChange[] {
  const count = Math.min(limit, entries.length);
  const changes = new Array<HistoryChange>(count);
  const lastSeen = new Map<string, HistoryEntry>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const previous = lastSeen.get(entry.entity_type) ?? null;
    lastSeen.set(entry.entity_type, entry);
    if (i >= count) continue;
    let lines: string[];
    try {
      lines = describe(entry, previous);
    } catch {
      lines = [];
    }
    changes[i] = { entry, at: parseTimestamp(entry.created_at), title: titleOf(entry), lines };
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

const SERIES: Record<SeriesName, { entity: string; key: string }> = {
  weight: { entity: 'health', key: 'bodyweight_kg' },
  bodyfat: { entity: 'health', key: 'bodyfat_pct' },
  mtd_net: { entity: 'finance', key: 'mtd_net' },
};

/** Oldest first, for a trend line. */
export function seriesOf(entries: readonly HistoryEntry[], name: SeriesName): SeriesPoint[] {
  const { entity, key } = SERIES[name];
  const points: SeriesPoint[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.entity_type !== entity) continue;
    const data = asData(entry.update_data);
    const value = data ? num(data[key]) : null;
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
