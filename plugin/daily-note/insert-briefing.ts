// Putting the marked briefing block into the note open in the editor: in place when the note already
// has a block, else at the cursor on lines of its own.
import type { Editor } from 'obsidian';
import { contentLines, findBlock, renderBlock } from './note-block';

export function insertBlockInEditor(editor: Editor, lines: readonly string[]): void {
  const range = findBlock(editor.getValue());
  if (range !== null) {
    const content = contentLines(lines).map((line) => `${line}\n`).join('');
    editor.replaceRange(content, editor.offsetToPos(range.contentStart), editor.offsetToPos(range.contentEnd));
    return;
  }
  const cursor = editor.getCursor('from');
  const before = cursor.ch > 0 ? '\n' : '';
  editor.replaceSelection(before + renderBlock(lines, '\n'));
}
