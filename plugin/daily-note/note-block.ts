// Marker-delimited blocks in note text. Pure string work: nothing outside the block ever changes,
// a CRLF note stays CRLF, and writing the same content twice is a no-op.

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
  /** The line break used by the start marker line. */
  eol: string;
}

interface Line {
  offset: number;
  text: string;
  eol: string;
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

/**
 * The first complete block: the first end marker that has a start marker before it, paired with the
 * nearest such start. Stray markers (an end before any start, a start without an end) are left alone.
 */
export function findBlock(text: string, markers: Markers = BRIEFING_MARKERS): BlockRange | null {
  let open: Line | null = null;
  for (const line of splitLines(text)) {
    if (isMarkerLine(line.text, markers.start)) {
      open = line;
    } else if (open !== null && isMarkerLine(line.text, markers.end)) {
      return {
        blockStart: open.offset,
        contentStart: open.offset + open.text.length + open.eol.length,
        contentEnd: line.offset,
        blockEnd: line.offset + line.text.length,
        eol: open.eol,
      };
    }
  }
  return null;
}

/** The text between the markers, or null when the note has no block. */
export function readBlock(text: string, markers: Markers = BRIEFING_MARKERS): string | null {
  const range = findBlock(text, markers);
  return range === null ? null : text.slice(range.contentStart, range.contentEnd);
}

/** The line break a note already uses: CRLF if its first line break is one, LF otherwise. */
export function detectEol(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/** Splits block content into lines and checks that none of them could be read as a marker. */
export function contentLines(content: string | readonly string[], markers: Markers = BRIEFING_MARKERS): string[] {
  const lines = typeof content === 'string' ? (content === '' ? [] : content.replace(/\r?\n$/, '').split(/\r?\n/)) : [...content];
  for (const line of lines) {
    if (/[\r\n]/.test(line)) throw new RangeError('Block content lines must not contain line breaks.');
    if (isMarkerLine(line, markers.start) || isMarkerLine(line, markers.end)) {
      throw new RangeError('Block content must not contain a marker line.');
    }
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

/**
 * Puts `content` between the markers: replaces what is there when the note has a block, appends a
 * new block at the end (after a blank line) when it has none.
 */
export function upsertBlock(text: string, content: string | readonly string[], markers: Markers = BRIEFING_MARKERS): string {
  const lines = contentLines(content, markers);
  const range = findBlock(text, markers);
  if (range !== null) {
    const replacement = joinLines(lines, range.eol);
    if (text.slice(range.contentStart, range.contentEnd) === replacement) return text;
    return text.slice(0, range.contentStart) + replacement + text.slice(range.contentEnd);
  }
  const eol = detectEol(text);
  let prefix = text;
  if (prefix !== '') {
    if (!prefix.endsWith('\n')) prefix += eol;
    const all = splitLines(prefix);
    const last = all[all.length - 2];
    if (last !== undefined && last.text.trim() !== '') prefix += eol;
  }
  return prefix + renderBlock(lines, eol, markers);
}
