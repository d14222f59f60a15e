import { describe, expect, it } from 'vitest';
import { TickClassifier, isBriefingDue, isWakeFromSleep, localDateKey, parseBriefingTime } from '../../../plugin/daily-note/briefing-schedule';

const six = { hours: 6, minutes: 0 };
const at = (h: number, m = 0, day = 15) => new Date(2025, 0, day, h, m);

describe('briefing schedule', () => {
  it('parses HH:MM and rejects anything else', () => {
    expect(parseBriefingTime('06:00')).toEqual({ hours: 6, minutes: 0 });
    expect(parseBriefingTime('6:05')).toEqual({ hours: 6, minutes: 5 });
    expect(parseBriefingTime('23:59')).toEqual({ hours: 23, minutes: 59 });
    for (const bad of ['24:00', '6', '06:60', '06:00:00', 'six', '', '-1:00', '06:0']) expect(parseBriefingTime(bad)).toBeNull();
  });

  it('is not due before the time', () => {
    expect(isBriefingDue(at(5, 59), six, null)).toBe(false);
    expect(isBriefingDue(at(0, 0), six, '2025-01-14')).toBe(false);
  });

  it('is due from the time on until that day is briefed', () => {
    expect(isBriefingDue(at(6, 0), six, '2025-01-14')).toBe(true);
    expect(isBriefingDue(at(6, 1), six, null)).toBe(true);
    expect(isBriefingDue(at(6, 1), six, '2025-01-15')).toBe(false);
  });

  it('catches up at a later start-up the same day, once', () => {
    expect(isBriefingDue(at(14, 30), six, '2025-01-14')).toBe(true);
    expect(isBriefingDue(at(14, 31), six, '2025-01-15')).toBe(false);
  });

  it('is due again the next day', () => {
    expect(isBriefingDue(at(6, 0, 16), six, '2025-01-15')).toBe(true);
    expect(isBriefingDue(at(5, 0, 16), six, '2025-01-15')).toBe(false);
  });

  it('uses the local calendar date', () => {
    expect(localDateKey(new Date(2025, 11, 31, 23, 59))).toBe('2025-12-31');
    expect(localDateKey(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });

  it('recognises a wake from sleep by a long gap between ticks', () => {
    expect(isWakeFromSleep(null, 1000, 60_000)).toBe(false);
    expect(isWakeFromSleep(0, 61_000, 60_000)).toBe(false);
    expect(isWakeFromSleep(0, 8 * 3600_000, 60_000)).toBe(true);
    const ticks = new TickClassifier(60_000);
    expect(ticks.classify(0)).toBe('interval');
    expect(ticks.classify(60_000)).toBe('interval');
    expect(ticks.classify(60_000 + 7 * 3600_000)).toBe('wake');
    expect(ticks.classify(120_000 + 7 * 3600_000)).toBe('interval');
  });
});
