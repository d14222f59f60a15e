// @vitest-environment happy-dom
// The in-memory Obsidian's own behaviour, where plugin tests rely on it matching the real app: a new
// vault's Daily notes defaults, an editor bound to its leaf, vault writes reloading open editors, and
// deferred leaves.
import { describe, expect, it } from 'vitest';
import { App, FileStore, ItemView, MarkdownView } from '../fixtures/obsidian/index';
import type { WorkspaceLeaf } from '../fixtures/obsidian/index';

function fileAt(app: App, path: string) {
  const file = app.vault.getFileByPath(path);
  if (file === null) throw new Error(`no ${path}`);
  return file;
}

class PanelView extends ItemView {
  getViewType(): string {
    return 'panel';
  }
  getDisplayText(): string {
    return 'Panel';
  }
}

describe('the in-memory Obsidian', () => {
  it('starts a vault with core Daily notes on and no options saved', () => {
    const app = new App();
    expect(app.internalPlugins.getPluginById('daily-notes')).toEqual({ enabled: true, instance: { options: {} } });
  });

  it('binds an editor to its leaf: opening another file makes it edit that file', async () => {
    const app = new App(new FileStore({ 'a.md': 'A\n', 'b.md': 'B\n' }));
    const leaf = app.workspace.getLeaf();
    await leaf.openFile(fileAt(app, 'a.md'));
    const view = leaf.view as MarkdownView;
    const editor = view.editor;
    await leaf.openFile(fileAt(app, 'b.md'));
    expect(leaf.view).toBe(view);
    expect(editor.getValue()).toBe('B\n');
    editor.replaceRange('edited ', { line: 0, ch: 0 });
    expect(app.vault.store.readFile('b.md')).toBe('edited B\n');
    expect(app.vault.store.readFile('a.md')).toBe('A\n');
  });

  it('reloads an open editor when the vault writes its file: the cursor jumps and undo is lost', async () => {
    const app = new App(new FileStore({ 'a.md': 'one\ntwo\n' }));
    const file = fileAt(app, 'a.md');
    const leaf = app.workspace.getLeaf();
    await leaf.openFile(file);
    const editor = (leaf.view as MarkdownView).editor;
    editor.replaceRange('!', { line: 1, ch: 3 });
    editor.setCursor(1, 4);
    await app.vault.process(file, (text) => `${text}three\n`);
    expect(editor.getValue()).toBe('one\ntwo!\nthree\n');
    expect(editor.getCursor()).toEqual({ line: 0, ch: 0 });
    expect(editor.undoDepth()).toBe(0);
  });

  it('lists a deferred leaf under its type with a placeholder view, and loads it when revealed', async () => {
    const app = new App();
    app.viewRegistry.set('panel', (leaf: WorkspaceLeaf) => new PanelView(leaf));
    const leaf = app.workspace.getRightLeaf(false) as WorkspaceLeaf;
    leaf.fixtureDefer('panel');
    expect(app.workspace.getLeavesOfType('panel')).toEqual([leaf]);
    expect(leaf.isDeferred).toBe(true);
    expect(leaf.view).not.toBeInstanceOf(PanelView);
    await app.workspace.revealLeaf(leaf);
    expect(leaf.isDeferred).toBe(false);
    expect(leaf.view).toBeInstanceOf(PanelView);
  });
});
