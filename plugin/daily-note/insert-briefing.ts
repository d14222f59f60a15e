// "Insert briefing here": the note and cursor position are captured when the command runs; the block
// goes there once the bridge has answered. If the note changed meanwhile, the position is followed
// when it is unambiguous (edits only before it, or only after it); otherwise nothing is inserted.
import type { Editor } from 'obsidian';
import { applyBlock, detectEol, renderBlock, scanBlocks } from './note-block';

export interface InsertTarget {
  /** Vault path of the note, or null for an editor without a file. */
  path: string | null;
  /** The note's text when the command ran. */
  text: string;
  /** Offset of the cursor (the start of the selection) when the command ran. */
  offset: number;
}

export function captureTarget(editor: Editor, path: string | null): InsertTarget {
  return { path, text: editor.getValue(), offset: editor.posToOffset(editor.getCursor('from')) };
}

/** Where the captured offset is in `current`, or null when that cannot be known. */
export function relocate(target: InsertTarget, current: string): number | null {
  const { text, offset } = target;
  if (current.slice(0, offset) === text.slice(0, offset) && offset <= current.length) return offset;
  const tail = text.slice(offset);
  if (current.endsWith(tail)) return current.length - tail.length;
  return null;
}

export type Insertion = { kind: 'text'; text: string } | { kind: 'broken' } | { kind: 'moved' };

/**
 * The note's new text: a block already in the note is updated where it is (duplicates merged);
 * otherwise the block goes at the captured position, on lines of its own.
 */
export function planInsertion(target: InsertTarget, current: string, lines: readonly string[]): Insertion {
  const scan = scanBlocks(current);
  if (scan.brokenAt !== null) return { kind: 'broken' };
  if (scan.blocks.length > 0) return { kind: 'text', text: applyBlock(current, lines).text };
  const at = relocate(target, current);
  if (at === null) return { kind: 'moved' };
  const eol = detectEol(current);
  const before = at > 0 && current[at - 1] !== '\n' ? eol : '';
  return { kind: 'text', text: current.slice(0, at) + before + renderBlock(lines, eol) + current.slice(at) };
}
