// @vitest-environment happy-dom
// Two devices, each with its own copy of the vault, synced the way Obsidian Sync merges Markdown
// (which can duplicate a block both devices added) or the way other tools keep a conflict copy. Over
// a week of mornings in which both devices brief before they sync, every day ends with exactly one
// briefing block in its daily note, and the user's own lines are kept.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { scanBlocks } from '../../plugin/daily-note/note-block';
import { startFakeBridge } from '../fixtures/fake-bridge';
import type { FakeBridge } from '../fixtures/fake-bridge';
import { App, FileStore } from '../fixtures/obsidian/index';
import { SyncSimulator, patchMerge } from '../fixtures/obsidian/sync';
import type { SyncMode } from '../fixtures/obsidian/sync';
import { FakeClock, startDevice, stopDevice } from '../fixtures/plugin-harness';
import type { Device } from '../fixtures/plugin-harness';
import { statusResponse } from '../fixtures/twin-responses';

let fake: FakeBridge;
const devices: Device[] = [];
const pad = (n: number) => String(n).padStart(2, '0');
const noteOf = (day: number) => `2025-01-${pad(day)}.md`;
const blocksIn = (text: string | undefined) => scanBlocks(text ?? '').blocks.length;

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
afterEach(() => {
  for (const d of devices.splice(0)) stopDevice(d);
});

describe('the sync simulator', () => {
  it('duplicates a block that both devices added, as a patch merge does', () => {
    const base = '# Day\n';
    const block = (t: string) => `%%BRIEFING_START%%\n${t}\n%%BRIEFING_END%%\n`;
    const merged = patchMerge(base, `${base}\n${block('laptop')}`, `${base}\n${block('phone')}`);
    expect(blocksIn(merged)).toBe(2);
    expect(patchMerge('a\nb\n', 'a\nb\nmine\n', 'theirs\na\nb\n')).toBe('theirs\na\nb\nmine\n');
  });
});

describe.each<SyncMode>(['merge', 'conflict-copy'])('two devices, %s', (mode) => {
  it('every day ends with one briefing block per daily note', async () => {
    const laptopApp = new App(new FileStore());
    const phoneApp = new App(new FileStore());
    const laptop = await startDevice({ app: laptopApp, clock: new FakeClock(new Date(2025, 0, 13, 5, 0)), data: { bridgeUrl: fake.url } });
    const phone = await startDevice({ app: phoneApp, clock: new FakeClock(new Date(2025, 0, 13, 5, 0)), data: { bridgeUrl: fake.url } });
    devices.push(laptop, phone);
    const sync = new SyncSimulator([laptopApp, phoneApp], mode);

    for (let day = 13; day <= 19; day++) {
      // The user starts the day's note on the phone, synced before the briefings.
      phoneApp.vault.fixtureReceive(noteOf(day), `# ${day} stycznia\n- kupić mleko\n`);
      sync.sync(`d${day}`);
      // Both devices brief a few minutes apart, offline from each other.
      laptop.clock.set(new Date(2025, 0, day, 6, 0));
      await laptop.plugin.onTick();
      phone.clock.set(new Date(2025, 0, day, 6, 4));
      await phone.plugin.onTick();
      expect(blocksIn(laptopApp.vault.store.readFile(noteOf(day)))).toBe(1);
      expect(blocksIn(phoneApp.vault.store.readFile(noteOf(day)))).toBe(1);
      // What the service is about to deliver holds the block twice (merge) or twice over two files.
      const started = `# ${day} stycznia\n- kupić mleko\n`;
      const laptopText = laptopApp.vault.store.readFile(noteOf(day)) ?? '';
      const phoneText = phoneApp.vault.store.readFile(noteOf(day)) ?? '';
      if (mode === 'merge') expect(blocksIn(patchMerge(started, laptopText, phoneText))).toBe(2);

      sync.sync(`d${day}`);
      // Each device sees the merged note arrive and tidies it; one more round carries that back.
      await vi.waitFor(() => {
        for (const app of [laptopApp, phoneApp]) expect(blocksIn(app.vault.store.readFile(noteOf(day)))).toBe(1);
      });
      sync.sync(`d${day}`);

      for (const app of [laptopApp, phoneApp]) {
        const text = app.vault.store.readFile(noteOf(day)) ?? '';
        expect(blocksIn(text)).toBe(1);
        expect(text.startsWith(`# ${day} stycznia\n- kupić mleko\n`)).toBe(true);
      }
      expect(laptopApp.vault.store.readFile(noteOf(day))).toBe(phoneApp.vault.store.readFile(noteOf(day)));
    }
    // A conflict copy is the user's to keep: the plugin never edits it.
    for (const copy of sync.conflictCopies) expect(blocksIn(laptopApp.vault.store.readFile(copy))).toBe(1);
    if (mode === 'conflict-copy') expect(sync.conflictCopies.length).toBeGreaterThan(0);
  });
});
