// GET|POST /finance/details?month=M&year=Y: one calendar month of money (default: this month, in the
// twin's zone). A month that does not exist, or has not begun, is refused with what is allowed.
import { Router } from 'express';
import { z } from 'zod';
import { monthDetailsText } from '../../briefing/month-details-text';
import type { MonthDetailsResponse } from '../../contract/month-details';
import { n8nText } from '../../contract/n8n-responses';
import { readMonthDetails, type CalendarMonth } from '../../finance/month-details';
import { isoDate, localDate, type LocalDate } from '../../time/local-date';
import { HttpError } from '../http-error';
import { TextParams, parseParams } from '../request-params';
import { fromSource, type ReadDeps } from './n8n-routes';

/** A whole number written with digits only (a JSON number or text), within [min, max]; null when absent. */
const wholeNumber = (name: string, digits: RegExp, min: number, max: number, example: string) =>
  z
    .union([z.string(), z.number()], { error: `${name} must be given once, as a whole number (${example})` })
    .optional()
    .transform((v, ctx): number | null => {
      if (v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
      const text = String(v).trim();
      const n = digits.test(text) ? Number(text) : Number.NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, e.g. ${example} (got ${JSON.stringify(String(v).slice(0, 40))})` });
        return z.NEVER;
      }
      return n;
    });

export const DetailsParams = TextParams.extend({
  month: wholeNumber('month', /^\d{1,2}$/, 1, 12, 'month=3'),
  year: wholeNumber('year', /^\d{4}$/, 1900, 9999, 'year=2025'),
}).superRefine((p, ctx) => {
  if (p.year !== null && p.month === null) ctx.addIssue({ code: 'custom', path: ['month'], message: 'month (1 to 12) must be given with year' });
});

/** The month asked for, this year's when only the month is given; refused when it has not begun. */
export function askedMonth(p: { month: number | null; year: number | null }, today: LocalDate): CalendarMonth {
  const m = { year: p.year ?? today.year, month: p.month ?? today.month };
  if (m.year * 12 + m.month > today.year * 12 + today.month) {
    const asked = isoDate(m.year, m.month, 1).slice(0, 7);
    throw new HttpError(400, 'invalid_parameter', `${asked} has not begun yet (today is ${today.date}); ask for this month or an earlier one`);
  }
  return m;
}

export function financeDetailsRoute(deps: ReadDeps): Router {
  return Router().all('/finance/details', async (req, res) => {
    const params = parseParams(DetailsParams, req);
    const now = deps.clock.now();
    const today = localDate(now, deps.timezone);
    const month = askedMonth(params, today);
    const data = await fromSource('finance', () => readMonthDetails(deps.repositories.finance, { month, today, currency: deps.currency }));
    res.json({ ...n8nText(monthDetailsText(data)), computed_at: now.toISOString(), month: data.month, data } satisfies MonthDetailsResponse);
  });
}
