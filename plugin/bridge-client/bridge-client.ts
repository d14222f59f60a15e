// The bridge's HTTP API over Obsidian's requestUrl (works on mobile, no CORS). Every call resolves to
// a result value; nothing here throws or leaves a rejected promise behind. The bodies' types are the
// contract's (bridge/contract), imported as types only, so no server code reaches main.js.
import { requestUrl } from 'obsidian';
import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import type {
  BodyInsights,
  CorrelationInsights,
  Headline,
  InsightsResponse,
  MoneyInsights,
  PantryInsights,
  TrainingInsights,
} from '../../bridge/contract/insights';
import type { ErrorResponse, HistoryEntity, HistoryEntry, HistoryResponse, StatusResponse } from '../../bridge/contract/responses';
import type { FinanceDomain, PantryDomain, TwinState } from '../../bridge/contract/twin-state';
import type { WeeklyReview, WeeklyReviewResponse } from '../../bridge/contract/weekly-review';

export type BridgeFailureKind = 'unreachable' | 'unauthorised' | 'http' | 'invalid';

export interface BridgeFailure {
  ok: false;
  kind: BridgeFailureKind;
  message: string;
  /** HTTP status when the bridge answered. */
  status?: number;
  /** Why nothing answered: the transport's error text (`net::ERR_…` on desktop), or TIMED_OUT for our own timeout. */
  cause?: string;
  /** The bridge's error code and its Retry-After header, when it answered with an error. */
  code?: string;
  retryAfter?: string;
}

export type BridgeResult<T> = { ok: true; data: T } | BridgeFailure;

export interface BridgeConnection {
  baseUrl: string;
  apiKey: string;
}

export interface HistoryQuery {
  limit?: number;
  entity?: HistoryEntity;
  cursor?: string;
}

export type RequestFn = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

export const DEFAULT_TIMEOUT_MS = 8000;

/** The cause of a failure when the bridge did not answer within the client's own timeout. */
export const TIMED_OUT = 'TIMED_OUT';

class Timeout extends Error {}

type Check = (value: unknown) => boolean;

/**
 * Checks for some fields of a contract type, keyed by that type: a field renamed or removed in the
 * contract fails to compile here. Just enough shape checking that the views can trust what they render.
 */
type FieldChecks<T> = { [K in keyof T]?: Check };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shaped<T>(fields: FieldChecks<T>): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    if (!isRecord(value)) return false;
    for (const key in fields) {
      const check = fields[key];
      if (check !== undefined && !check(value[key])) return false;
    }
    return true;
  };
}

const isText: Check = (value) => typeof value === 'string';
const isList: Check = (value) => Array.isArray(value);
const nullOr =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

export const looksLikeStatus = shaped<StatusResponse>({
  report: isText,
  state: shaped<TwinState>({
    health: isRecord,
    finance: shaped<FinanceDomain>({ alerts: isList }),
    pantry: shaped<PantryDomain>({ low_stock: isList, expiring: isList }),
    computed_at: isText,
  }),
});

export const looksLikeHistory = shaped<HistoryResponse>({
  items: listOf(shaped<HistoryEntry>({ id: isText, entity_type: isText, created_at: isText })),
  next_cursor: nullOr(isText),
});

export const looksLikeInsights = shaped<InsightsResponse>({
  report: isText,
  computed_at: isText,
  headline: nullOr(shaped<Headline>({ id: isText, text: isText })),
  body: shaped<BodyInsights>({ status: isText }),
  training: shaped<TrainingInsights>({ status: isText, exercises: isList }),
  money: shaped<MoneyInsights>({ status: isText, categories: isList }),
  pantry: shaped<PantryInsights>({ status: isText }),
  correlations: shaped<CorrelationInsights>({ status: isText, listed: isList }),
});

export const looksLikeWeeklyReview = shaped<WeeklyReviewResponse>({ report: isText, data: shaped<WeeklyReview>({ periods: isList }) });

/**
 * The contract version the bridge reports on /status, or null for a bridge that predates the field (the
 * type says it is always there; an older bridge's answer does not have it).
 */
export function apiVersionOf(status: StatusResponse): string | null {
  const version: unknown = (status as Partial<StatusResponse>).api_version;
  return typeof version === 'string' ? version : null;
}

const hasErrorMessage = shaped<Pick<ErrorResponse, 'error'>>({ error: shaped<ErrorResponse['error']>({ message: isText }) });
const hasReport = shaped<Pick<ErrorResponse, 'report'>>({ report: isText });

/** The bridge's own words about a failure: its error body's message, or the report of any body. */
function errorMessageOf(body: unknown): string | null {
  if (hasErrorMessage(body)) return body.error.message;
  if (hasReport(body)) return body.report;
  return null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class BridgeClient {
  constructor(
    private readonly connection: () => BridgeConnection,
    private readonly request: RequestFn = requestUrl,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  /**
   * The twin now, or at the end of `date` (YYYY-MM-DD, a past day or today). An answer that is not for
   * that day (a bridge older than day answers ignores the parameter) is a failure, never another day's twin.
   */
  async getStatus(date?: string): Promise<BridgeResult<StatusResponse>> {
    if (date === undefined) return this.get('/status', new URLSearchParams(), looksLikeStatus, 'status');
    const result = await this.get('/status', new URLSearchParams({ date }), looksLikeStatus, 'status');
    if (!result.ok || result.data.date === date) return result;
    const message = `The bridge at ${this.connection().baseUrl} answered with the twin of now, not of ${date}: it is older than this plugin and cannot show past days. Update the bridge to show them.`;
    return { ok: false, kind: 'invalid', status: 200, message };
  }

  getHistory(query: HistoryQuery = {}): Promise<BridgeResult<HistoryResponse>> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.entity !== undefined) params.set('entity', query.entity);
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    return this.get('/history', params, looksLikeHistory, 'history');
  }

  getInsights(): Promise<BridgeResult<InsightsResponse>> {
    return this.get('/insights', new URLSearchParams(), looksLikeInsights, 'insights');
  }

  /** The review of the week of `date` (YYYY-MM-DD), Monday to that day. */
  getWeeklyReview(date: string): Promise<BridgeResult<WeeklyReviewResponse>> {
    return this.get('/review/week', new URLSearchParams({ date }), looksLikeWeeklyReview, 'weekly review');
  }

  private async get<T>(
    path: string,
    params: URLSearchParams,
    check: (body: unknown) => body is T,
    what: string,
  ): Promise<BridgeResult<T>> {
    const { baseUrl, apiKey } = this.connection();
    const query = params.toString();
    const url = `${baseUrl.trim().replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (apiKey.trim() !== '') headers['X-API-KEY'] = apiKey.trim();
    const sent = await this.send({ url, method: 'GET', headers, throw: false }, baseUrl);
    return sent.ok ? answerOf(sent.data, check, what, baseUrl) : sent;
  }

  /** The response, or why there is none: the bridge could not be reached or did not answer in time. */
  private async send(request: RequestUrlParam, baseUrl: string): Promise<BridgeResult<RequestUrlResponse>> {
    let timer: number | undefined;
    try {
      const pending = this.request(request);
      // The losing promise may still reject later; swallow that so it never surfaces as unhandled.
      pending.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = window.setTimeout(() => reject(new Timeout()), this.timeoutMs);
      });
      return { ok: true, data: await Promise.race([pending, timeout]) };
    } catch (error) {
      const timedOut = error instanceof Timeout;
      const cause = timedOut ? TIMED_OUT : describe(error);
      const message = timedOut
        ? `The bridge at ${baseUrl} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`
        : `The bridge at ${baseUrl} could not be reached (${cause}).`;
      return { ok: false, kind: 'unreachable', message, cause };
    } finally {
      if (timer !== undefined) window.clearTimeout(timer);
    }
  }
}

/** A response header by its name in any case (Electron keeps the server's case, other transports lower it). */
function headerOf(response: RequestUrlResponse, name: string): string | undefined {
  for (const key in response.headers) if (key.toLowerCase() === name) return response.headers[key];
  return undefined;
}

/** What an answer of the bridge means: the body when it has the expected shape, or why it cannot be used. */
function answerOf<T>(response: RequestUrlResponse, check: (body: unknown) => body is T, what: string, baseUrl: string): BridgeResult<T> {
  let body: unknown;
  try {
    body = JSON.parse(response.text) as unknown;
  } catch {
    body = undefined;
  }
  const status = response.status;
  const facts = { status, code: hasErrorMessage(body) ? body.error.code : undefined, retryAfter: headerOf(response, 'retry-after') };
  if (status === 401 || status === 403) {
    const hint = errorMessageOf(body) ?? 'Check the API key in the settings.';
    return { ok: false, kind: 'unauthorised', ...facts, message: `The bridge refused the API key (${status}). ${hint}` };
  }
  if (status < 200 || status >= 300) {
    return { ok: false, kind: 'http', ...facts, message: `The bridge answered ${status}: ${errorMessageOf(body) ?? 'no readable message'}.` };
  }
  if (!check(body)) {
    const message = `The bridge's ${what} response is not in the expected format. Is ${baseUrl} a Digital Twin bridge of a matching version?`;
    return { ok: false, kind: 'invalid', status, message };
  }
  return { ok: true, data: body };
}
