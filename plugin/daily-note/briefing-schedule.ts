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

export function isBriefingDue(now: Date, time: BriefingTime, lastBriefedDate: string | null): boolean {
  if (lastBriefedDate === localDateKey(now)) return false;
  return now.getTime() >= briefingMomentOn(now, time).getTime();
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
