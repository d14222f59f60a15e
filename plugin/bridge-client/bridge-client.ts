// The bridge's HTTP API over Obsidian's requestUrl (works on mobile, no CORS). Every call resolves to
// a result value; nothing here throws or leaves a rejected promise behind.
import { requestUrl } from 'obsidian';
import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import type { HistoryEntity, HistoryResponse, StatusResponse } from '../../bridge/contract/responses';
import type { InsightsResponse } from '../../bridge/contract/insights';
import type { WeeklyReviewResponse } from '../../bridge/contract/weekly-review';

export type BridgeFailureKind = 'unreachable' | 'unauthorised' | 'http' | 'invalid';

export interface BridgeFailure {
  ok: false;
  kind: BridgeFailureKind;
  message: string;
  /** HTTP status when the bridge answered. */
  status?: number;
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

class Timeout extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Just enough shape checking that the views can trust what they render. */
export function looksLikeStatus(body: unknown): body is StatusResponse {
  if (!isRecord(body) || typeof body.report !== 'string' || !isRecord(body.state)) return false;
  const state = body.state;
  return (
    isRecord(state.health) &&
    isRecord(state.finance) &&
    Array.isArray(state.finance.alerts) &&
    isRecord(state.pantry) &&
    Array.isArray(state.pantry.low_stock) &&
    Array.isArray(state.pantry.expiring) &&
    typeof state.computed_at === 'string'
  );
}

export function looksLikeHistory(body: unknown): body is HistoryResponse {
  if (!isRecord(body) || !Array.isArray(body.items)) return false;
  if (body.next_cursor !== null && typeof body.next_cursor !== 'string') return false;
  return body.items.every(
    (item) =>
      isRecord(item) &&
      typeof item.id === 'string' &&
      typeof item.entity_type === 'string' &&
      typeof item.created_at === 'string',
  );
}

const INSIGHT_PARTS = ['body', 'training', 'money', 'pantry', 'correlations'] as const;

export function looksLikeInsights(body: unknown): body is InsightsResponse {
  if (!isRecord(body) || typeof body.report !== 'string' || typeof body.computed_at !== 'string') return false;
  if (body.headline !== null && !(isRecord(body.headline) && typeof body.headline.id === 'string' && typeof body.headline.text === 'string')) return false;
  const parts = INSIGHT_PARTS.map((name) => body[name]);
  if (!parts.every((part) => isRecord(part) && typeof part.status === 'string')) return false;
  const [, training, money, , correlations] = parts as Record<string, unknown>[];
  return Array.isArray(training.exercises) && Array.isArray(money.categories) && Array.isArray(correlations.listed);
}

export function looksLikeWeeklyReview(body: unknown): body is WeeklyReviewResponse {
  return isRecord(body) && typeof body.report === 'string' && isRecord(body.data) && Array.isArray(body.data.periods);
}

function errorMessageOf(body: unknown): string | null {
  if (!isRecord(body)) return null;
  if (isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
  if (typeof body.report === 'string') return body.report;
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

  getStatus(): Promise<BridgeResult<StatusResponse>> {
    return this.get('/status', new URLSearchParams(), looksLikeStatus, 'status');
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

    let response: RequestUrlResponse;
    let timer: number | undefined;
    try {
      const pending = this.request({ url, method: 'GET', headers, throw: false });
      // The losing promise may still reject later; swallow that so it never surfaces as unhandled.
      pending.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = window.setTimeout(() => reject(new Timeout()), this.timeoutMs);
      });
      response = await Promise.race([pending, timeout]);
    } catch (error) {
      const message =
        error instanceof Timeout
          ? `The bridge at ${baseUrl} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`
          : `The bridge at ${baseUrl} could not be reached (${describe(error)}).`;
      return { ok: false, kind: 'unreachable', message };
    } finally {
      if (timer !== undefined) window.clearTimeout(timer);
    }

    let body: unknown;
    try {
      body = JSON.parse(response.text) as unknown;
    } catch {
      body = undefined;
    }

    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        kind: 'unauthorised',
        status: response.status,
        message: `The bridge refused the API key (${response.status}). ${errorMessageOf(body) ?? 'Check the API key in the settings.'}`,
      };
    }
    if (response.status < 200 || response.status >= 300) {
      return {
        ok: false,
        kind: 'http',
        status: response.status,
        message: `The bridge answered ${response.status}: ${errorMessageOf(body) ?? 'no readable message'}.`,
      };
    }
    if (!check(body)) {
      return {
        ok: false,
        kind: 'invalid',
        status: response.status,
        message: `The bridge's ${what} response is not in the expected format. Is ${baseUrl} a Digital Twin bridge of a matching version?`,
      };
    }
    return { ok: true, data: body };
  }
}
