// Marker-delimited blocks in note text. Pure string work: nothing outside the blocks ever changes,
// a CRLF note stays CRLF, and writing the same content twice is a no-op.
//
// A marker counts only on a line of its own, outside the frontmatter and outside fenced code (```
// and ~~~), because that is where a person or a template puts one; the same characters anywhere else
// are text about markers, and editing them would damage the note.

export interface Markers {
  start: string;
  end: string;
}

export const BRIEFING_MARKERS: Markers = { start: '%%BRIEFING_START%%', end: '%%BRIEFING_END%%' };

export interface BlockRange {
  /** Offset of the first character of the start marker line. */
  blockStart: number;
  /** Offset just after the start marker line's line break. */
  contentStart: number;
  /** Offset of the first character of the end marker line. */
  contentEnd: number;
  /** Offset just after the end marker (before its line break, if any). */
  blockEnd: number;
  /** Offset just after the end marker line's line break (equals blockEnd at the end of the note). */
  lineEnd: number;
  /** The line break used by the start marker line. */
  eol: string;
}

interface Line {
  offset: number;
  text: string;
  eol: string;
}

export interface BlockScan {
  /** Complete blocks, in order. */
  blocks: BlockRange[];
  /** Offset of the first start marker that has no end marker before the next start (or the end). */
  brokenAt: number | null;
  /** The fence of a code block still open at the end of the note, or null. */
  openFence: string | null;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n|\n/g;
  let offset = 0;
  let match: RegExpExecArray | null;
  while ((match = breaks.exec(text)) !== null) {
    lines.push({ offset, text: text.slice(offset, match.index), eol: match[0] });
    offset = match.index + match[0].length;
  }
  lines.push({ offset, text: text.slice(offset), eol: '' });
  return lines;
}

/** A marker counts only when it is alone on its line (surrounding spaces allowed). */
function isMarkerLine(line: string, marker: string): boolean {
  return line.trim() === marker;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Which lines are ordinary Markdown: not frontmatter (a first line `---` up to the next `---` or
 * `...`, as Obsidian's properties read it) and not inside a fenced code block (CommonMark: a fence
 * closes with the same character, at least as long, or runs to the end of the note).
 */
function ordinaryLines(lines: readonly Line[]): { ordinary: boolean[]; openFence: string | null } {
  const ordinary = lines.map(() => true);
  let i = 0;
  if (lines[0]?.text.trimEnd() === '---') {
    const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line.text));
    if (close > 0) {
      for (let k = 0; k <= close; k++) ordinary[k] = false;
      i = close + 1;
    }
  }
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (fence !== null) {
      ordinary[i] = false;
      const close = FENCE_OPEN.exec(text);
      const run = close?.[1];
      if (run !== undefined && run[0] === fence[0] && run.length >= fence.length && text.trim() === run) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(text);
    if (open?.[1] !== undefined) {
      fence = open[1];
      ordinary[i] = false;
    }
  }
  return { ordinary, openFence: fence };
}

function rangeOf(open: Line, close: Line): BlockRange {
  return {
    blockStart: open.offset,
    contentStart: open.offset + open.text.length + open.eol.length,
    contentEnd: close.offset,
    blockEnd: close.offset + close.text.length,
    lineEnd: close.offset + close.text.length + close.eol.length,
    eol: open.eol,
  };
}

/** Every complete block, and whether a start marker is left open. Stray end markers are text. */
export function scanBlocks(text: string, markers: Markers = BRIEFING_MARKERS): BlockScan {
  const lines = splitLines(text);
  const { ordinary, openFence } = ordinaryLines(lines);
  const blocks: BlockRange[] = [];
  let open: Line | null = null;
  let brokenAt: number | null = null;
  for (const [index, line] of lines.entries()) {
    if (!ordinary[index]) continue;
    if (isMarkerLine(line.text, markers.start)) {
      if (open !== null) brokenAt ??= open.offset;
      open = line;
    } else if (open !== null && isMarkerLine(line.text, markers.end)) {
      blocks.push(rangeOf(open, line));
      open = null;
    }
  }
  if (open !== null) brokenAt ??= open.offset;
  return { blocks, brokenAt, openFence };
}

/** The first complete block, or null. */
export function findBlock(text: string, markers: Markers = BRIEFING_MARKERS): BlockRange | null {
  return scanBlocks(text, markers).blocks[0] ?? null;
}

/** The text between the first block's markers, or null when the note has no block. */
export function readBlock(text: string, markers: Markers = BRIEFING_MARKERS): string | null {
  const range = findBlock(text, markers);
  return range === null ? null : text.slice(range.contentStart, range.contentEnd);
}

/** The line break a note already uses: CRLF if its first line break is one, LF otherwise. */
export function detectEol(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/** Splits block content into lines and checks that none of them could be read as a marker or a fence. */
export function contentLines(content: string | readonly string[], markers: Markers = BRIEFING_MARKERS): string[] {
  const lines = typeof content === 'string' ? (content === '' ? [] : content.replace(/\r?\n$/, '').split(/\r?\n/)) : [...content];
  for (const line of lines) {
    if (/[\r\n]/.test(line)) throw new RangeError('Block content lines must not contain line breaks.');
    if (isMarkerLine(line, markers.start) || isMarkerLine(line, markers.end)) {
      throw new RangeError('Block content must not contain a marker line.');
    }
    // An unclosed fence inside the block would hide its end marker from the next scan.
    if (FENCE_OPEN.test(line)) throw new RangeError('Block content must not open a code fence.');
  }
  return lines;
}

function joinLines(lines: readonly string[], eol: string): string {
  return lines.map((line) => line + eol).join('');
}

/** The whole block, markers included, ending with a line break. */
export function renderBlock(content: string | readonly string[], eol = '\n', markers: Markers = BRIEFING_MARKERS): string {
  return markers.start + eol + joinLines(contentLines(content, markers), eol) + markers.end + eol;
}

/** What to do with a note that has no block: add one at the end, or leave the note alone. */
export type MissingMarkers = 'append' | 'skip';

export type BlockEdit =
  | { kind: 'written'; text: string }
  | { kind: 'unchanged'; text: string }
  | { kind: 'no-markers'; text: string }
  | { kind: 'broken'; text: string; offset: number };

function appendBlock(text: string, lines: readonly string[], markers: Markers, openFence: string | null): string {
  const eol = detectEol(text);
  let prefix = text;
  if (prefix !== '') {
    if (!prefix.endsWith('\n')) prefix += eol;
    // A code block left open runs to the end of the note; close it, or the block would be code too.
    if (openFence !== null) prefix += openFence + eol;
    const all = splitLines(prefix);
    const last = all[all.length - 2];
    if (last !== undefined && last.text.trim() !== '') prefix += eol;
  }
  return prefix + renderBlock(lines, eol, markers);
}

/**
 * Puts `content` between the markers. One block: its content is replaced. Several (a sync merge
 * duplicated it, or a conflict copy was pasted back): the first gets the content and the others are
 * removed, marker lines included. None: a block is appended, or nothing happens with `skip`. A start
 * marker without an end: nothing is written, since where the block ends would be a guess.
 */
export function applyBlock(
  text: string,
  content: string | readonly string[],
  options: { missing?: MissingMarkers; markers?: Markers } = {},
): BlockEdit {
  const markers = options.markers ?? BRIEFING_MARKERS;
  const lines = contentLines(content, markers);
  const scan = scanBlocks(text, markers);
  if (scan.brokenAt !== null) return { kind: 'broken', text, offset: scan.brokenAt };
  const [first, ...others] = scan.blocks;
  if (first === undefined) {
    if (options.missing === 'skip') return { kind: 'no-markers', text };
    return { kind: 'written', text: appendBlock(text, lines, markers, scan.openFence) };
  }
  let out = text.slice(0, first.contentStart) + joinLines(lines, first.eol);
  let cursor = first.contentEnd;
  for (const extra of others) {
    out += text.slice(cursor, extra.blockStart);
    cursor = extra.lineEnd;
  }
  out += text.slice(cursor);
  return out === text ? { kind: 'unchanged', text } : { kind: 'written', text: out };
}

/** `applyBlock` for callers that only want the text (a broken note comes back as it was). */
export function upsertBlock(text: string, content: string | readonly string[], markers: Markers = BRIEFING_MARKERS): string {
  return applyBlock(text, content, { markers }).text;
}
