// The bridge client against a real local HTTP server: every failure becomes a value.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BridgeClient, looksLikeHistory, looksLikeInsights, looksLikeStatus, looksLikeWeeklyReview } from '../../../plugin/bridge-client/bridge-client';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { errorBody } from '../../../bridge/http/http-error';
import { historyEntry, historyResponse, statusOnDay, statusResponse } from '../../fixtures/twin-responses';
import { sampleInsightsResponse } from '../../preview/insights-sample';

let fake: FakeBridge;
let apiKey = '';
const client = () => new BridgeClient(() => ({ baseUrl: `${fake.url}/`, apiKey }), undefined, 500);

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  apiKey = '';
});

describe('bridge client', () => {
  it('returns the status', async () => {
    const result = await client().getStatus();
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.state.finance.mtd_net).toBe(2450);
    expect(fake.requests[0]).toEqual({ path: '/status', apiKey: undefined });
  });

  it('sends the API key when one is set', async () => {
    fake.apiKey = 'sekret';
    apiKey = ' sekret ';
    expect((await client().getStatus()).ok).toBe(true);
    expect(fake.requests[0]?.apiKey).toBe('sekret');
  });

  it('maps 401 to unauthorised, with the bridge message', async () => {
    fake.apiKey = 'sekret';
    apiKey = 'wrong';
    const result = await client().getStatus();
    expect(result).toMatchObject({ ok: false, kind: 'unauthorised', status: 401 });
    if (!result.ok) expect(result.message).toContain('missing or wrong API key');
  });

  it('maps 500 to http with the readable message', async () => {
    fake.mode = '500';
    const result = await client().getStatus();
    expect(result).toMatchObject({ ok: false, kind: 'http', status: 500 });
    if (!result.ok) expect(result.message).toContain('the twin could not be computed');
  });

  it('maps an HTML error page to http', async () => {
    fake.mode = 'html';
    expect(await client().getStatus()).toMatchObject({ ok: false, kind: 'http', status: 502 });
  });

  it('maps a garbled body to invalid', async () => {
    fake.mode = 'garbage';
    expect(await client().getStatus()).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('maps a wrong shape to invalid', async () => {
    fake.status = { report: 'hi' } as never;
    try {
      expect(await client().getStatus()).toMatchObject({ ok: false, kind: 'invalid' });
    } finally {
      fake.status = statusResponse();
    }
  });

  it('gives up after the timeout as unreachable', async () => {
    fake.mode = 'hang';
    const result = await client().getStatus();
    expect(result).toMatchObject({ ok: false, kind: 'unreachable' });
    if (!result.ok) expect(result.message).toContain('did not answer');
  });

  it('maps a closed port to unreachable', async () => {
    await fake.stop();
    try {
      const result = await client().getStatus();
      expect(result).toMatchObject({ ok: false, kind: 'unreachable' });
    } finally {
      await fake.resume();
    }
  });

  it('maps a malformed URL to unreachable without throwing', async () => {
    const result = await new BridgeClient(() => ({ baseUrl: 'not a url', apiKey: '' })).getStatus();
    expect(result).toMatchObject({ ok: false, kind: 'unreachable' });
  });

  it('pages history with limit and cursor', async () => {
    const first = [historyEntry('health', '2025-01-15T05:00:00Z', {})];
    fake.history.set('', historyResponse(first, 'abc'));
    fake.history.set('abc', historyResponse([], null));
    const page = await client().getHistory({ limit: 50 });
    expect(page.ok && page.data.next_cursor).toBe('abc');
    const older = await client().getHistory({ limit: 50, cursor: 'abc', entity: 'health' });
    expect(older.ok && older.data.next_cursor).toBeNull();
    expect(fake.requests.map((r) => r.path)).toEqual(['/history?limit=50', '/history?limit=50&entity=health&cursor=abc']);
  });
});

describe('the twin on a day', () => {
  it('asks for the day and takes the answer that names it', async () => {
    fake.statusOn = (date) => ({ code: 200, body: statusOnDay(date) });
    const result = await client().getStatus('2025-01-10');
    expect(result.ok && [result.data.date, result.data.state.today]).toEqual(['2025-01-10', '2025-01-10']);
    expect(fake.requests.map((r) => r.path)).toEqual(['/status?date=2025-01-10']);
  });

  it('passes on the bridge\'s own words when it refuses the day', async () => {
    fake.statusOn = (date) => ({ code: 400, body: errorBody('bad_request', `date: ${date} is in the future; the last day is 2025-01-15`) });
    const result = await client().getStatus('2025-02-01');
    expect(result).toMatchObject({ ok: false, kind: 'http', status: 400 });
    if (!result.ok) expect(result.message).toBe('The bridge answered 400: date: 2025-02-01 is in the future; the last day is 2025-01-15.');
  });

  it('never takes the twin of now for a day: an older bridge that ignores the date is a failure that says so', async () => {
    const result = await client().getStatus('2025-01-10');
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    if (!result.ok) expect(result.message).toContain('not of 2025-01-10: it is older than this plugin and cannot show past days');
  });

  it('refuses an answer for another day than the one asked for', async () => {
    fake.statusOn = () => ({ code: 200, body: statusOnDay('2025-01-09') });
    expect(await client().getStatus('2025-01-10')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('response shapes', () => {
  /** A copy of `body` without the field at `path` (dot-separated). */
  function without(body: unknown, path: string): unknown {
    const copy = structuredClone(body) as Record<string, unknown>;
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    const parent = keys.reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, copy);
    delete parent[last];
    return copy;
  }
  const review = { report: 'r', response_text: 'r', content: 'r', computed_at: '2025-01-15T08:00:00Z', data: { date: '2025-01-15', currency: 'PLN', periods: [] } };
  const bodies = [
    { check: looksLikeStatus, body: statusResponse(), read: ['report', 'state.computed_at', 'state.health', 'state.finance.alerts', 'state.pantry.low_stock', 'state.pantry.expiring'] },
    { check: looksLikeHistory, body: historyResponse([historyEntry('health', '2025-01-15T05:00:00Z', {})], null), read: ['items', 'next_cursor', 'items.0.id', 'items.0.created_at'] },
    { check: looksLikeInsights, body: sampleInsightsResponse(), read: ['report', 'computed_at', 'headline', 'body', 'training.exercises', 'money.categories', 'pantry.status', 'correlations.listed'] },
    { check: looksLikeWeeklyReview, body: review, read: ['report', 'data.periods'] },
  ];

  it.each(bodies)('takes a body of the contract and refuses one without a field the plugin reads', ({ check, body, read }) => {
    expect(check(body)).toBe(true);
    for (const path of read) expect([path, check(without(body, path))]).toEqual([path, false]);
  });
});
