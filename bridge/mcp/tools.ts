// The agent tools, one per answer of the bridge, all read-only: which HTTP answer each asks, what it
// takes, what it returns (the answer's contract schema without the n8n text keys, whose text goes in
// the tool's text content instead), and a description written for a model.
import type { z } from 'zod';
import type { McpToolName } from '../config/mcp-tool-names';
import { InsightsResponse } from '../contract/insights';
import { MonthDetailsResponse } from '../contract/month-details';
import { ForecastResponse, PantryResponse, WorkoutResponse } from '../contract/n8n-responses';
import { FinanceResponse, HealthResponse, HistoryResponse, StatusResponse } from '../contract/responses';
import { WeeklyReviewResponse } from '../contract/weekly-review';
import { DayInput, HistoryInput, MCP_HISTORY_LIMIT, MonthInput, type ToolInput } from './tool-inputs';
import { upcomingText } from './upcoming-text';

/** What a description may name about the person: their currency and time zone. */
export interface Person {
  currency: string;
  timezone: string;
}

export interface ToolSpec {
  title: string;
  description: (p: Person) => string;
  /** The HTTP answer asked. */
  path: string;
  input: ToolInput;
  output: z.ZodObject;
  /** The structured content, from the answer's body (default: the body without the n8n text keys). */
  structured?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The human text (default: the answer's response_text). */
  text?: (structured: Record<string, unknown>) => string;
  /** A bound of this tool's own beyond the HTTP answer's: what is wrong, or null. */
  bound?: (query: Record<string, string>) => string | null;
}

/** The n8n text keys, carried once as the tool's text instead. */
export const TEXT_KEYS = ['report', 'response_text', 'content'] as const;
const noText = { report: true, response_text: true, content: true } as const;

const money = (p: Person) => `Amounts are in ${p.currency}, days and months in ${p.timezone}.`;
const day = 'Takes date=YYYY-MM-DD for the answer as it stood at the end of a past day.';

const without = (keys: readonly string[]) => (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));

export const TOOLS: Record<McpToolName, ToolSpec> = {
  status: {
    title: 'Twin status',
    description: (p) =>
      `The person's whole day at a glance: the morning briefing text (training, weight and body fat, month-to-date money and budget alerts, scheduled payments, pantry low stock and expiry) and the key figures (mtd_net in ${p.currency}, active budget alerts, body fat %, days since the last workout, low-stock count, degraded domains), with the history sync state. Use it first; call health, finance or pantry for the details. ${day} Days in ${p.timezone}. About 2 KB.`,
    path: '/status',
    input: DayInput,
    output: StatusResponse.omit({ ...noText, summary: true, state: true }),
    structured: without([...TEXT_KEYS, 'summary', 'state']),
  },
  health: {
    title: 'Health and training',
    description: (p) =>
      `Body composition and training: latest weight (kg) and body fat (%), the weight trend, 90 days of measurements (body_series), the last workout, days since it, workouts this week against the 2 to 4 target, and today's training suggestion. ${day} Days in ${p.timezone}. Up to about 10 KB (90 days of points).`,
    path: '/health',
    input: DayInput,
    output: HealthResponse.omit({ ...noText, data: true }),
    structured: without([...TEXT_KEYS, 'data']),
  },
  finance: {
    title: 'Money this month',
    description: (p) =>
      `Month-to-date income, expense and net, the active budget alerts (CRITICAL, HIGH, MEDIUM, with the recommended action), every budget of the month with its utilization %, net per month over the last 12 months, and the unpaid scheduled payments due within 30 days. ${money(p)} ${day} Up to about 15 KB.`,
    path: '/finance',
    input: DayInput,
    output: FinanceResponse.omit({ ...noText, data: true }),
    structured: without([...TEXT_KEYS, 'data']),
  },
  finance_details: {
    title: 'One month of money',
    description: (p) =>
      `One calendar month (month and year; default this month): income, expense and net, its 5 largest expenses, its budgets and their breaches, and the budget alerts as they stood on its last day. Use it for "how did March go" or to compare months. ${money(p)} Up to about 8 KB.`,
    path: '/finance/details',
    input: MonthInput,
    output: MonthDetailsResponse.omit(noText),
  },
  upcoming_payments: {
    title: 'Payments due',
    description: (p) =>
      `The unpaid scheduled payments due within 30 days of the day (soonest first): name, amount, currency, category, date, days until it and urgency (today, tomorrow, this_week, later). Use it for "what do I have to pay". ${money(p)} ${day} Up to about 5 KB.`,
    path: '/finance',
    input: DayInput,
    output: FinanceResponse.pick({ date: true, computed_at: true, status: true, as_of: true, currency: true, upcoming: true, upcoming_note: true }),
    structured: (b) => ({ date: b.date, computed_at: b.computed_at, status: b.status, as_of: b.as_of, currency: b.currency, upcoming: b.upcoming, upcoming_note: b.upcoming_note }),
    text: upcomingText,
  },
  workout: {
    title: 'Workouts',
    description: (p) =>
      `The last 5 training sessions, and for each exercise trained in the last 12 weeks its last 5 sets (weight in kg, time under tension in seconds) with a trend (up, flat, down, new). Use it to plan or judge a session. ${day} Days in ${p.timezone}. Up to about 10 KB.`,
    path: '/workout',
    input: DayInput,
    output: WorkoutResponse.omit(noText),
  },
  pantry: {
    title: 'Pantry',
    description: (p) =>
      `Food low in stock, expired and expiring within 7 days (with dates and locations), and for today when each product is likely to run out. Use it for a shopping list or what to eat first. ${day} Days in ${p.timezone}. Up to about 10 KB.`,
    path: '/pantry',
    input: DayInput,
    output: PantryResponse.omit(noText),
  },
  forecast: {
    title: 'Outflow forecast',
    description: (p) =>
      `The next 30 days' spending: the median, interquartile and 80 % range of the person's recent 30-day periods, and the scheduled payments on top. Use it for "can I afford" or "how much will I spend". ${money(p)} ${day} About 3 KB.`,
    path: '/forecast',
    input: DayInput,
    output: ForecastResponse.omit(noText),
  },
  insights: {
    title: 'Where the person is heading',
    description: (p) =>
      `Trends read from the whole history, each with its uncertainty: weight and body-fat pace, sessions a week and stalled exercises, spending categories above the person's own baseline, pantry run-out, and links between domains reported only when statistically sound, with one headline. ${money(p)} ${day} Up to about 20 KB.`,
    path: '/insights',
    input: DayInput,
    output: InsightsResponse.omit({ ...noText, data: true }),
    structured: without([...TEXT_KEYS, 'data']),
  },
  weekly_review: {
    title: 'Weekly review',
    description: (p) =>
      `Monday to the day (default today) across training, body, money and pantry, against the same days last week and 52 weeks earlier. Use it for a weekly review or "how was my week". ${money(p)} ${day} About 4 KB.`,
    path: '/review/week',
    input: DayInput,
    output: WeeklyReviewResponse.omit(noText),
  },
  history: {
    title: 'Recorded changes',
    description: (p) =>
      `The twin's recorded transitions, newest first: each time the health, finance or pantry state changed, the new state (update_data) and when (created_at, UTC). Filter with since, until (ISO timestamps) and entity; page with limit (1 to ${MCP_HISTORY_LIMIT}, default 20) and cursor (the next_cursor of the previous page). Use it for "when did this change". Times are UTC; the person lives in ${p.timezone}. Up to about ${MCP_HISTORY_LIMIT * 2} KB at limit ${MCP_HISTORY_LIMIT}.`,
    path: '/history',
    input: HistoryInput,
    output: HistoryResponse.omit(noText),
    bound: (q) =>
      q.limit !== undefined && /^\d+$/.test(q.limit.trim()) && Number(q.limit) > MCP_HISTORY_LIMIT
        ? `limit must be a whole number from 1 to ${MCP_HISTORY_LIMIT} for an agent (got ${JSON.stringify(q.limit.slice(0, 40))}); page on with cursor`
        : null,
  },
};
