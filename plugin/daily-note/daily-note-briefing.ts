// Writing the briefing into today's daily note. Fetch first (nothing is written when the bridge is
// down), then one atomic Vault.process that replaces or appends the marked block. A note whose block
// already carries today's stamp (another synced device got there first) is left alone unless forced.
import { moment } from '../time/moment';
import type { App } from 'obsidian';
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeResult } from '../bridge-client/bridge-client';
import { briefedDateOf, briefingLines } from './briefing-callout';
import { localDateKey } from './briefing-schedule';
import { ensureDailyNote, findDailyNote } from './daily-note-file';
import { readDailyNoteSettings } from './daily-note-settings';
import { readBlock, upsertBlock } from './note-block';

export type BriefingOutcome =
  | { kind: 'written'; path: string; date: string }
  | { kind: 'already-briefed'; path: string; date: string }
  | { kind: 'offline'; message: string; date: string }
  | { kind: 'failed'; message: string; date: string };

export interface BriefingDeps {
  app: App;
  fetchStatus: () => Promise<BridgeResult<StatusResponse>>;
  now: () => Date;
}

function briefedOn(text: string, dateKey: string): boolean {
  return briefedDateOf(readBlock(text)) === dateKey;
}

export async function writeDailyBriefing(deps: BriefingDeps, options: { force: boolean }): Promise<BriefingOutcome> {
  const now = deps.now();
  const date = localDateKey(now);
  try {
    const settings = await readDailyNoteSettings(deps.app);
    const existing = findDailyNote(deps.app, settings, now);
    if (!options.force && existing !== null && briefedOn(await deps.app.vault.read(existing), date)) {
      return { kind: 'already-briefed', path: existing.path, date };
    }

    const result = await deps.fetchStatus();
    if (!result.ok) return { kind: 'offline', message: result.message, date };

    const file = await ensureDailyNote(deps.app, settings, now);
    const lines = briefingLines(result.data, date, moment(deps.now()).format('HH:mm'));
    let skipped = false;
    await deps.app.vault.process(file, (text) => {
      // Checked again inside the atomic edit: another device's block may have arrived meanwhile.
      if (!options.force && briefedOn(text, date)) {
        skipped = true;
        return text;
      }
      return upsertBlock(text, lines);
    });
    return skipped ? { kind: 'already-briefed', path: file.path, date } : { kind: 'written', path: file.path, date };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error), date };
  }
}
