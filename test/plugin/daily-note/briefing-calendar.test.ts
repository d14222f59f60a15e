// @vitest-environment happy-dom
// The 06:00 briefing and its catch-up on the calendar's awkward days, driven minute by minute through
// the injected clock in Europe/Warsaw (set here, so the result does not depend on the machine's zone
// or date): the nights clocks change (2027-03-28 forward, 2026-10-25 back), midnight, a month's end
// and New Year.
process.env.TZ = 'Europe/Warsaw';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBlock } from '../../../plugin/daily-note/note-block';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { Notice } from '../../fixtures/obsidian/index';
import { FakeClock, startDevice, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';

const previousTz = process.env.TZ;
let fake: FakeBridge;
const devices: Device[] = [];
const blocks = (text: string | undefined) => (text ?? '').split('\n').filter((line) => line === '%%BRIEFING_START%%').length;

async function device(startUtc: string, data: Record<string, unknown> = {}): Promise<Device> {
  const d = await startDevice({ clock: new FakeClock(new Date(startUtc)), data: { bridgeUrl: fake.url, ...data } });
  devices.push(d);
  return d;
}

/** Ticks once a minute (of real elapsed time) until `endUtc`; returns the local times of writes. */
async function tickUntil(d: Device, endUtc: string): Promise<string[]> {
  const writes: string[] = [];
  const end = new Date(endUtc).getTime();
  let previous = d.plugin.settings.lastBriefedDate;
  while (d.clock.now().getTime() < end) {
    d.clock.advance(60_000);
    await d.plugin.onTick();
    const last = d.plugin.settings.lastBriefedDate;
    if (last !== null && last !== previous) {
      previous = last;
      const now = d.clock.now();
      writes.push(`${last} ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`);
    }
  }
  return writes;
}

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(async () => {
  await fake.close();
  process.env.TZ = previousTz;
});
beforeEach(() => Notice.reset());
afterEach(() => {
  for (const d of devices.splice(0)) stopDevice(d);
});

describe('in Europe/Warsaw', () => {
  it('runs in the zone it set', () => {
    expect(new Date('2027-03-28T04:00:00Z').getHours()).toBe(6);
    expect(new Date('2027-03-27T05:00:00Z').getHours()).toBe(6);
  });

  it('briefs at 06:00 on the night clocks go forward (2027-03-28), once', async () => {
    // 23:00 CET on the 27th, already briefed that day, to 09:00 CEST on the 28th.
    const d = await device('2027-03-27T22:00:00Z', { lastBriefedDate: '2027-03-27' });
    expect(await tickUntil(d, '2027-03-28T07:00:00Z')).toEqual(['2027-03-28 06:00']);
    expect(blocks(d.app.vault.store.readFile('2027-03-28.md'))).toBe(1);
    expect(readBlock(d.app.vault.store.readFile('2027-03-28.md') ?? '')).toContain('%% twin-briefing 2027-03-28 06:00 %%');
  });

  it('a time inside the skipped hour is due at the first minute after it', async () => {
    const d = await device('2027-03-27T23:00:00Z', { lastBriefedDate: '2027-03-27', briefingTime: '02:30' });
    // 00:00 CET to 04:00 CEST: 02:00–02:59 never happen; the first minute after 02:30 is 03:00.
    expect(await tickUntil(d, '2027-03-28T02:00:00Z')).toEqual(['2027-03-28 03:00']);
  });

  it('briefs once on the night clocks go back (2026-10-25), though 02:30 happens twice', async () => {
    const d = await device('2026-10-24T22:00:00Z', { lastBriefedDate: '2026-10-24', briefingTime: '02:30' });
    // 00:00 CEST to 05:00 CET: 02:00–02:59 happen twice.
    expect(await tickUntil(d, '2026-10-25T04:00:00Z')).toEqual(['2026-10-25 02:30']);
    expect(blocks(d.app.vault.store.readFile('2026-10-25.md'))).toBe(1);
  });

  it('briefs at 06:00 the morning after the clocks go back, not an hour early or late', async () => {
    const d = await device('2026-10-24T20:00:00Z', { lastBriefedDate: '2026-10-24' });
    expect(await tickUntil(d, '2026-10-25T08:00:00Z')).toEqual(['2026-10-25 06:00']);
  });

  it('crosses midnight, a month end and New Year: one note per day, each named by its own date', async () => {
    const d = await device('2026-12-30T22:00:00Z', { lastBriefedDate: '2026-12-30' });
    expect(await tickUntil(d, '2027-01-01T08:00:00Z')).toEqual(['2026-12-31 06:00', '2027-01-01 06:00']);
    expect(blocks(d.app.vault.store.readFile('2026-12-31.md'))).toBe(1);
    expect(blocks(d.app.vault.store.readFile('2027-01-01.md'))).toBe(1);
    expect(readBlock(d.app.vault.store.readFile('2027-01-01.md') ?? '')).toContain('twin-briefing 2027-01-01 06:00');
  });

  it('catches up after sleeping through a month end, for the day it wakes on only', async () => {
    const d = await device('2026-01-31T21:00:00Z', { lastBriefedDate: '2026-01-31' });
    await d.plugin.onTick();
    // Asleep from 22:00 on 31 January to 09:15 on 1 February.
    d.clock.set(new Date('2026-02-01T08:15:00Z'));
    await d.plugin.onTick();
    expect(d.app.vault.store.readFile('2026-02-01.md')).toContain('twin-briefing 2026-02-01 09:15');
    expect(d.app.vault.getFileByPath('2026-01-31.md')).toBeNull();
  });
});
