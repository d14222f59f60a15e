// Small, pure formatting helpers shared by the views, the status bar and the settings tab.
import { moment } from '../time/moment';

const MONEY_WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONEY_CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `+2,450 PLN`, `-1,234.50 PLN`, `0 PLN`: sign first, thousands separator, cents only when present. */
export function formatSignedMoney(value: number, currency: string): string {
  const cents = Math.round(Math.abs(value) * 100);
  const abs = cents / 100;
  const body = cents % 100 === 0 ? MONEY_WHOLE.format(abs) : MONEY_CENTS.format(abs);
  const sign = cents === 0 ? '' : value > 0 ? '+' : '-';
  return `${sign}${body} ${currency}`;
}

/** `1,234.50 PLN`, `-80 PLN`: like formatSignedMoney without the plus sign, for amounts rather than changes. */
export function formatMoney(value: number, currency: string): string {
  return formatSignedMoney(value, currency).replace(/^\+/, '');
}

/** `+4.9k PLN`, `-850 PLN`: short enough for a chart's scale; the exact figure is on each point. */
export function formatCompactMoney(value: number, currency: string): string {
  const abs = Math.abs(value);
  const sign = Math.round(abs) === 0 ? '' : value > 0 ? '+' : '-';
  const body = abs >= 1000 ? `${formatNumber(abs / 1000)}k` : String(Math.round(abs));
  return `${sign}${body} ${currency}`;
}

/** At most `digits` decimals, without trailing zeros: 82.4, 0.5, 82. */
export function formatNumber(value: number, digits = 1): string {
  return String(Number(value.toFixed(digits)));
}

/** A body weight, `82.4 kg`. */
export const formatKg = (value: number): string => `${formatNumber(value)} kg`;

/** A percentage as the panel writes it, `18.2 %`. */
export const formatPct = (value: number): string => `${formatNumber(value)} %`;

/** Parses an ISO 8601 timestamp; null for anything that is not one. */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A short age such as `just now`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function formatAge(then: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}

/** Local time, with the date only when it is not today. */
export function formatClock(date: Date, now: Date): string {
  const m = moment(date);
  return m.isSame(moment(now), 'day') ? m.format('HH:mm') : m.format('YYYY-MM-DD HH:mm');
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
