// Plugin and bridge of different versions: which bridge the plugin calls older, and the plugin's
// response checks held to today's answers (a real bridge's /status and the fixtures, also with fields
// the plugin has never heard of), because the contract only grows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../bridge/contract/api-version';
import { apiVersionOf, looksLikeHistory, looksLikeStatus } from '../../../plugin/bridge-client/bridge-client';
import { NEEDED_API_VERSION, bridgeIsOlder, majorMinor } from '../../../plugin/bridge-client/bridge-version';
import type { StatusResponse } from '../../../bridge/contract/responses';
import { startMemoryBridge } from '../../fixtures/memory-bridge';
import type { MemoryBridge } from '../../fixtures/memory-bridge';
import { historyEntry, historyResponse, statusOnDay, statusResponse } from '../../fixtures/twin-responses';

/** `body` with a new field at the top and in every object below it, as a later contract might add. */
function grown(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(grown);
  if (typeof body !== 'object' || body === null) return body;
  const copy: Record<string, unknown> = { added_later: { nested: [1, 'two'] } };
  for (const [key, value] of Object.entries(body)) copy[key] = grown(value);
  return copy;
}

describe('the api_version the plugin needs', () => {
  it('is the contract version it was built with', () => {
    expect(NEEDED_API_VERSION).toBe(API_VERSION);
    expect(majorMinor(NEEDED_API_VERSION)).not.toBeNull();
  });

  it('reads major.minor of semver texts and nothing else', () => {
    expect(majorMinor('1.2.3')).toEqual({ major: 1, minor: 2 });
    expect(majorMinor('v2.10')).toEqual({ major: 2, minor: 10 });
    expect(majorMinor('1.4.0-beta.1')).toEqual({ major: 1, minor: 4 });
    for (const bad of ['', 'one', '1', null, undefined, 1.2]) expect(majorMinor(bad)).toBeNull();
  });

  it.each([
    [undefined, true],
    ['', true],
    ['0.9.0', true],
    ['1.0.0', false],
    ['1.0.7', false],
    ['1.1.0', false],
    ['2.0.0', false],
  ])('calls a bridge reporting %s older than 1.0.0: %s', (reported, older) => {
    expect(bridgeIsOlder(reported, '1.0.0')).toBe(older);
  });

  it('compares minor numbers within a major one', () => {
    expect(bridgeIsOlder('1.1.9', '1.2.0')).toBe(true);
    expect(bridgeIsOlder('1.2.0', '1.2.5')).toBe(false);
    expect(bridgeIsOlder('1.10.0', '1.9.0')).toBe(false);
  });

  it('reads the api_version of a status, and null from a bridge that names none', () => {
    expect(apiVersionOf(statusResponse())).toBe(API_VERSION);
    const old = statusResponse() as Partial<StatusResponse>;
    delete old.api_version;
    expect(apiVersionOf(old as StatusResponse)).toBeNull();
  });
});

describe("the plugin's checks against today's answers", () => {
  let tb: MemoryBridge;
  beforeAll(async () => {
    tb = await startMemoryBridge();
  });
  afterAll(() => tb.close());

  it("take a real bridge's /status, with its versions, and the same body grown", async () => {
    const res = await fetch(`${tb.url}/status`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as StatusResponse;
    expect(body.api_version).toBe(API_VERSION);
    expect(bridgeIsOlder(body.api_version)).toBe(false);
    expect(looksLikeStatus(body)).toBe(true);
    expect(looksLikeStatus(grown(body))).toBe(true);
  });

  it('take the fixtures and the fixtures grown', () => {
    const bodies = [statusResponse(), statusResponse({ degraded: ['finance', 'pantry'] }), statusOnDay('2025-01-10'), statusOnDay('2025-01-10', { pantryUnknown: true })];
    for (const body of bodies) {
      expect(looksLikeStatus(body)).toBe(true);
      expect(looksLikeStatus(grown(body))).toBe(true);
    }
    const history = historyResponse([historyEntry('health', '2025-01-15T05:00:00Z', {})], null);
    expect(looksLikeHistory(grown(history))).toBe(true);
  });

  it('take a body without the versions, from a bridge that predates them', () => {
    const old = statusResponse() as Partial<StatusResponse>;
    delete old.version;
    delete old.api_version;
    expect(looksLikeStatus(old)).toBe(true);
  });
});
