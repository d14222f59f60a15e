// @vitest-environment happy-dom
// The in-memory Obsidian's own behaviour, where plugin tests rely on it matching the real app: a new
// vault's Daily notes defaults, an editor bound to its leaf, vault writes reloading open editors, and
// deferred leaves.
import { describe, expect, it } from 'vitest';
import { App, FileStore, ItemView, MarkdownView, Modal, Plugin, protocolData } from '../fixtures/obsidian/index';
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

  it('hands an obsidian:// URL to the handler of its action as the decoded query, and forgets the handler on unload', async () => {
    // obsidian.d.ts: obsidian://open?key=value gives {'action': 'open', 'key': 'value'}.
    expect(protocolData('obsidian://open?key=value')).toEqual({ action: 'open', key: 'value' });
    expect(protocolData('obsidian://digital-twin?url=http%3A%2F%2F192.168.1.2%3A5677&key=a%2Bb%26c&flag')).toEqual({
      action: 'digital-twin',
      url: 'http://192.168.1.2:5677',
      key: 'a+b&c',
      flag: 'true',
    });
    expect(protocolData('https://example.com')).toBeNull();

    const app = new App();
    const plugin = new Plugin(app, { id: 'p', name: 'P', version: '1', minAppVersion: '1.5.7', description: '', author: '' });
    plugin.load();
    const seen: unknown[] = [];
    plugin.registerObsidianProtocolHandler('p', (params) => seen.push(params));
    expect(await app.fixtureOpenUrl('obsidian://p?x=1')).toBe(true);
    expect(await app.fixtureOpenUrl('obsidian://other?x=1')).toBe(false);
    expect(seen).toEqual([{ action: 'p', x: '1' }]);
    plugin.unload();
    expect(await app.fixtureOpenUrl('obsidian://p?x=2')).toBe(false);
  });

  it('opens and closes a modal, calling onOpen, onClose and the close callback', () => {
    const app = new App();
    const calls: string[] = [];
    class Ask extends Modal {
      override onOpen(): void {
        calls.push('open');
        this.setTitle('Title');
      }
      override onClose(): void {
        calls.push('close');
      }
    }
    const modal = new Ask(app).setCloseCallback(() => calls.push('callback'));
    modal.open();
    expect(app.modals).toEqual([modal]);
    expect(modal.titleEl.textContent).toBe('Title');
    modal.close();
    modal.close();
    expect(app.modals).toEqual([]);
    expect(calls).toEqual(['open', 'close', 'callback']);
  });
});
