// Finding or creating today's daily note (folders and template included). Vault adapter only.
import { TFile, TFolder, normalizePath } from 'obsidian';
import type { App } from 'obsidian';
import { applyTemplate, dailyNotePath, findTemplateFile } from './daily-note-settings';
import type { DailyNoteSettings } from './daily-note-settings';

async function ensureFolder(app: App, folderPath: string): Promise<void> {
  const parts = normalizePath(folderPath).split('/').filter((part) => part !== '' && part !== '/');
  let current = '';
  for (const part of parts) {
    current = current ? `${current}/${part}` : part;
    const existing = app.vault.getAbstractFileByPath(current);
    if (existing instanceof TFolder) continue;
    if (existing !== null) throw new Error(`Cannot create the folder ${current}: a file has that name.`);
    try {
      await app.vault.createFolder(current);
    } catch (error) {
      // Another device (or plugin) may have created it in the meantime.
      if (!(app.vault.getAbstractFileByPath(current) instanceof TFolder)) throw error;
    }
  }
}

async function templateText(app: App, settings: DailyNoteSettings, date: Date): Promise<string> {
  const file = findTemplateFile(app, settings.template);
  if (file === null) return '';
  return applyTemplate(await app.vault.cachedRead(file), date, settings);
}

/** Today's note if it exists, else null. */
export function findDailyNote(app: App, settings: DailyNoteSettings, date: Date): TFile | null {
  return app.vault.getFileByPath(dailyNotePath(settings, date));
}

/** Today's note, created from the template (and its folders) when it does not exist yet. */
export async function ensureDailyNote(app: App, settings: DailyNoteSettings, date: Date): Promise<TFile> {
  const path = dailyNotePath(settings, date);
  const existing = app.vault.getFileByPath(path);
  if (existing !== null) return existing;
  const slash = path.lastIndexOf('/');
  if (slash > 0) await ensureFolder(app, path.slice(0, slash));
  const content = await templateText(app, settings, date);
  try {
    return await app.vault.create(path, content);
  } catch (error) {
    const created = app.vault.getFileByPath(path);
    if (created !== null) return created;
    throw error;
  }
}
