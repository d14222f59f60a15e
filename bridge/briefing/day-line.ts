// The line that names the day an answer describes. A past day is named as its end, and a past day
// before any data says so rather than showing zeros as if they were figures.
import type { TwinState } from '../contract/twin-state';

export function dayLine(day: string, past = false): string {
  return past ? `📅 ${day}, as it stood at the end of the day` : `📅 ${day}`;
}

/** A past day on which no source had a row yet: no money booked, no measurement or workout, no pantry record. */
export function hadNoData(state: TwinState): boolean {
  const { finance: f, health: h, pantry: p } = state;
  const noMoney = f.status === 'ok' && f.budgets.length === 0 && f.monthly_net.every((m) => m.income === 0 && m.expense === 0);
  const noBody = h.status === 'ok' && h.measurement_date === null && h.last_workout === null;
  return state.past === true && noMoney && noBody && p.status !== 'ok';
}

/** The day line, and a note when the day had no data. */
export function dayLines(state: TwinState): string[] {
  const line = dayLine(state.today, state.past);
  return hadNoData(state) ? [line, 'ℹ️ No data was recorded up to this day.'] : [line];
}
