// The day a request asks about with `date=`: nothing asked (or today) is the live twin, a day before
// today is answered as it stood at its end, and a day after today is refused: nothing is known of it.
import type { Clock } from '../time/clock';
import { localDate } from '../time/local-date';
import { HttpError } from './http-error';

export interface AskedDay {
  /** YYYY-MM-DD */
  date: string;
  /** Before today in the twin's zone. */
  past: boolean;
}

export function askedDay(date: string | null, o: { clock: Clock; timezone: string }): AskedDay | null {
  if (date === null) return null;
  const today = localDate(o.clock.now(), o.timezone).date;
  if (date > today) {
    throw new HttpError(400, 'invalid_parameter', `date ${date} is in the future: today is ${today} in ${o.timezone}, and the twin answers for today or a day before it`);
  }
  return { date, past: date < today };
}
