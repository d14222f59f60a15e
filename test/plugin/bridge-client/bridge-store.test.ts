// The one store behind the twin panel, the status bar and the Insights section, against a real local
// HTTP server: one request at a time, the last answer kept through failures with why and when they
// failed, old answers asked for again, and the twin's note problem kept beside its status.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeClient } from '../../../plugin/bridge-client/bridge-client';
import { TwinStore } from '../../../plugin/twin/twin-store';
import { INSIGHTS_MAX_AGE_MS, insightsStore } from '../../../plugin/views/insights-store';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { FakeClock } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';

let fake: FakeBridge;
let clock: FakeClock;
const client = () => new BridgeClient(() => ({ baseUrl: fake.url, apiKey: '' }), undefined, 2000);
const twinStore = () => new TwinStore(() => client().getStatus(), clock);
const asked = (path: string) => fake.requests.filter((r) => r.path === path).length;

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clock = new FakeClock(new Date('2025-01-15T05:00:00.000Z'));
});

describe('bridge store', () => {
  it('asks the bridge once for everyone who asks while a request runs, and says it is loading meanwhile', async () => {
    const store = twinStore();
    const loading: boolean[] = [];
    store.subscribe(() => loading.push(store.snapshot.loading));
    const release = fake.hold();
    const first = store.refresh();
    const second = store.refresh();
    expect(second).toBe(first);
    expect(store.snapshot.loading).toBe(true);
    release();
    expect((await first).ok).toBe(true);
    expect(asked('/status')).toBe(1);
    expect(loading).toEqual([true, false]);
    expect(store.snapshot).toMatchObject({ loading: false, error: null, errorAt: null, fetchedAt: clock.now() });
    expect(store.snapshot.status?.state.finance.mtd_net).toBe(2450);
  });

  it('keeps the last answer when the bridge fails, with why and when, until an answer comes again', async () => {
    const store = twinStore();
    await store.refresh();
    const answeredAt = clock.now();
    clock.advance(60_000);
    fake.mode = '500';
    expect(await store.refresh()).toMatchObject({ ok: false, kind: 'http', status: 500 });
    expect(store.snapshot.status?.state.finance.mtd_net).toBe(2450);
    expect(store.snapshot.fetchedAt).toEqual(answeredAt);
    expect(store.snapshot.error?.message).toContain('the twin could not be computed');
    expect(store.snapshot.errorAt).toEqual(clock.now());

    fake.mode = 'ok';
    fake.status = statusResponse({ mtdNet: 99 });
    clock.advance(60_000);
    await store.refresh();
    expect(store.snapshot).toMatchObject({ error: null, errorAt: null, fetchedAt: clock.now() });
    expect(store.snapshot.status?.state.finance.mtd_net).toBe(99);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const store = twinStore();
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    await store.refresh();
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    await store.refresh();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('asks again only when what it has is older than the age given', async () => {
    const store = twinStore();
    await store.refresh();
    // A refresh says it is loading at once; these do not start one.
    store.refreshIfStale(10 * 60_000);
    clock.advance(10 * 60_000 - 1);
    store.refreshIfStale(10 * 60_000);
    expect(store.snapshot.loading).toBe(false);
    clock.advance(1);
    store.refreshIfStale(10 * 60_000);
    expect(store.snapshot.loading).toBe(true);
    // A request already running is joined, not repeated.
    store.refreshIfStale(10 * 60_000);
    await vi.waitFor(() => expect(store.snapshot.fetchedAt).toEqual(clock.now()));
    expect(asked('/status')).toBe(2);
  });

  it('waits as long after a failed try: a bridge without /insights is not asked on every render', async () => {
    // The fake bridge has no /insights: it answers 404, as a bridge of an older version does.
    const store = insightsStore(() => client().getInsights(), clock);
    store.refreshIfStale(INSIGHTS_MAX_AGE_MS);
    await vi.waitFor(() => expect(store.snapshot.error?.status).toBe(404));
    expect(store.snapshot).toMatchObject({ insights: null, loading: false, fetchedAt: null, errorAt: clock.now() });
    clock.advance(INSIGHTS_MAX_AGE_MS - 1);
    store.refreshIfStale(INSIGHTS_MAX_AGE_MS);
    expect(store.snapshot.loading).toBe(false);
    clock.advance(1);
    store.refreshIfStale(INSIGHTS_MAX_AGE_MS);
    expect(store.snapshot.loading).toBe(true);
    await vi.waitFor(() => expect(store.snapshot.loading).toBe(false));
    expect(asked('/insights')).toBe(2);
  });
});

describe("the twin's note problem beside its status", () => {
  it('is told to the listeners when it changes only, and outlives refreshes until cleared', async () => {
    const store = twinStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.setBriefingIssue("Today's note has two briefing blocks.");
    store.setBriefingIssue("Today's note has two briefing blocks.");
    expect(listener).toHaveBeenCalledTimes(1);
    await store.refresh();
    expect(store.snapshot.briefingIssue).toBe("Today's note has two briefing blocks.");
    expect(store.snapshot.status).not.toBeNull();
    store.setBriefingIssue(null);
    expect(store.snapshot.briefingIssue).toBeNull();
    expect(listener).toHaveBeenCalledTimes(4);
  });
});
