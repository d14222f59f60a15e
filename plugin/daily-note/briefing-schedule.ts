// When is the daily briefing due? Pure arithmetic on local wall-clock time: the briefing is due from
// the configured time until it has been written for that day, so the first moment Obsidian runs after
// the time (start-up, the one-minute tick, window focus, waking from sleep) catches up exactly once.

export interface BriefingTime {
  hours: number;
  minutes: number;
}

export type TriggerReason = 'startup' | 'interval' | 'focus' | 'wake' | 'manual';

/** `HH:MM` (or `H:MM`), 00:00–23:59; null otherwise. */
export function parseBriefingTime(value: string): BriefingTime | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!match) return null;
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar date of `date` as YYYY-MM-DD. */
export function localDateKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today's briefing moment in local time. */
export function briefingMomentOn(day: Date, time: BriefingTime): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), time.hours, time.minutes, 0, 0);
}

/** Saturday or Sunday, in local time. */
export function isWeekend(date: Date): boolean {
  const day = date.getDay();
  return day === 0 || day === 6;
}

export function isBriefingDue(now: Date, time: BriefingTime, lastBriefedDate: string | null, weekdaysOnly = false): boolean {
  if (lastBriefedDate === localDateKey(now)) return false;
  if (weekdaysOnly && isWeekend(now)) return false;
  // Wall-clock minutes, not an instant: on the night clocks go forward a time inside the skipped
  // hour (02:30 in Europe/Warsaw) is due at the first minute after it, 03:00; when they go back, a
  // time that happens twice is due at its first occurrence and the date key prevents the second.
  return now.getHours() * 60 + now.getMinutes() >= time.hours * 60 + time.minutes;
}

/**
 * A tick that arrives much later than its interval means the machine slept (timers do not run while
 * suspended); the tick is then a wake-up, and the data shown is older than it looks.
 */
export function isWakeFromSleep(previousTickMs: number | null, nowMs: number, intervalMs: number): boolean {
  if (previousTickMs === null) return false;
  return nowMs - previousTickMs > intervalMs * 3;
}

/** Classifies interval ticks as plain ticks or wake-ups, remembering the previous tick. */
export class TickClassifier {
  private previousTickMs: number | null = null;

  constructor(private readonly intervalMs: number) {}

  classify(nowMs: number): 'interval' | 'wake' {
    const wake = isWakeFromSleep(this.previousTickMs, nowMs, this.intervalMs);
    this.previousTickMs = nowMs;
    return wake ? 'wake' : 'interval';
  }
}
