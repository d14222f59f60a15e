// Edits through an open editor. The plugin guidelines ask that a note open in an editor is changed
// through the Editor API rather than the vault, so the cursor, selection, scroll position and undo
// history survive; only the changed span is replaced, so the editor maps everything else across.
import { MarkdownView } from 'obsidian';
import type { App, Editor } from 'obsidian';

/** The editor showing the note at `path`, if one is open. */
export function openEditorFor(app: App, path: string): Editor | null {
  for (const leaf of app.workspace.getLeavesOfType('markdown')) {
    const view = leaf.view;
    if (view instanceof MarkdownView && view.file?.path === path) return view.editor;
  }
  return null;
}

/** Replaces only the part of the editor's text that differs from `next`. */
export function replaceChangedSpan(editor: Editor, next: string): void {
  const current = editor.getValue();
  if (current === next) return;
  let prefix = 0;
  const shorter = Math.min(current.length, next.length);
  while (prefix < shorter && current[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && current[current.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  editor.replaceRange(next.slice(prefix, next.length - suffix), editor.offsetToPos(prefix), editor.offsetToPos(current.length - suffix));
}
