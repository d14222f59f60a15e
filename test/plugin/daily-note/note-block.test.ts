import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { briefingLines } from '../../../plugin/daily-note/briefing-callout';
import { BRIEFING_MARKERS, applyBlock, findBlock, readBlock, renderBlock, scanBlocks, upsertBlock } from '../../../plugin/daily-note/note-block';
import { statusResponse } from '../../fixtures/twin-responses';

const { start: START, end: END } = BRIEFING_MARKERS;

// Lines a real daily note may hold, including the ones that bite: things that look like markers,
// markers themselves, front matter, nested callouts, unicode.
const noteLine = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom(
    '',
    '---',
    'sleep_start: "22:00"',
    'tags: [daily]',
    START,
    END,
    `  ${START}  `,
    `${START}x`,
    `> ${END}`,
    '%%BRIEFING%%',
    '%%OTHER_START%%',
    '%%OTHER_END%%',
    '> [!info]- Morning',
    '> > [!warning]+ Nested',
    '> > deep line',
    '# 2025-01-15',
    '- [ ] Zadanie: kupić mleko 🥛',
    'Zażółć gęślą jaźń',
    '\u00A0non-breaking',
    '```',
    '~~~',
    '```dataviewjs',
  ),
);

const eolChoice = fc.constantFrom('\n', '\r\n');

const noteText = fc
  .tuple(fc.array(noteLine, { maxLength: 25 }), fc.oneof(eolChoice, fc.constant('mixed')), fc.boolean(), fc.array(eolChoice, { minLength: 25, maxLength: 25 }))
  .map(([lines, eol, trailing, mixed]) => {
    let out = '';
    lines.forEach((line, i) => {
      out += line;
      if (i < lines.length - 1 || trailing) out += eol === 'mixed' ? (mixed[i] as string) : eol;
    });
    return out;
  });

const contentLine = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .map((s) => s.replace(/[\r\n]/g, ''))
  .filter((s) => s.trim() !== START && s.trim() !== END);
const blockContent = fc.oneof(
  fc.array(contentLine, { maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((report) => briefingLines(statusResponse({ report }), '2025-01-15', '06:00')),
);

describe('note block: properties over any note text', () => {
  it('writes nothing into a note with an unclosed start marker, and otherwise leaves exactly one block', () => {
    fc.assert(
      fc.property(noteText, blockContent, (text, lines) => {
        const scan = scanBlocks(text);
        const edit = applyBlock(text, lines);
        if (scan.brokenAt !== null) {
          expect(edit).toEqual({ kind: 'broken', text, offset: scan.brokenAt });
          return;
        }
        const after = scanBlocks(edit.text);
        expect(after.blocks).toHaveLength(1);
        expect(after.brokenAt).toBeNull();
        // The block stays where the first one was; a note without one gets it at the end.
        const first = scan.blocks[0];
        if (first) expect(after.blocks[0]?.blockStart).toBe(first.blockStart);
        else expect(edit.text.startsWith(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a second insertion of the same content changes nothing', () => {
    fc.assert(
      fc.property(noteText, blockContent, (text, lines) => {
        const once = upsertBlock(text, lines);
        expect(upsertBlock(once, lines)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a well-formed block: markers alone on their lines, the content between them', () => {
    fc.assert(
      fc.property(noteText, blockContent, (text, lines) => {
        fc.pre(scanBlocks(text).brokenAt === null);
        const out = upsertBlock(text, lines);
        const range = findBlock(out);
        expect(range).not.toBeNull();
        if (!range) return;
        expect(out.slice(range.blockStart, range.contentStart).trim()).toBe(START);
        expect(out.slice(range.blockStart, range.contentStart).endsWith(range.eol)).toBe(true);
        expect(out.slice(range.contentEnd, range.blockEnd).trim()).toBe(END);
        expect(readBlock(out)).toBe(lines.map((line) => line + range.eol).join(''));
        const atLineStart = range.blockStart === 0 || out[range.blockStart - 1] === '\n';
        expect(atLineStart).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('replacing the content and replacing it back restores the note exactly', () => {
    fc.assert(
      fc.property(noteText, blockContent, blockContent, (text, a, b) => {
        const withA = upsertBlock(text, a);
        expect(upsertBlock(upsertBlock(withA, b), a)).toBe(withA);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a CRLF note CRLF', () => {
    const crlfNote = fc.array(noteLine, { maxLength: 20 }).map((lines) => lines.join('\r\n'));
    fc.assert(
      fc.property(crlfNote, blockContent, (text, lines) => {
        const out = upsertBlock(text, lines);
        if (text.includes('\r\n')) {
          expect(/(^|[^\r])\n/.test(out)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Notes built from known parts, so the expected result is known without scanning: frontmatter and
// fenced code that may hold marker lines (text, never edited), plain lines, and real blocks.
const FENCE_LIKE = /^ {0,3}(`{3,}|~{3,})/;
const plainLine = noteLine.filter((line) => line.trim() !== START && line.trim() !== END && !FENCE_LIKE.test(line) && line !== '---');
const codeLine = noteLine.filter((line) => !FENCE_LIKE.test(line));
const frontLine = noteLine.filter((line) => !/^(---|\.\.\.)\s*$/.test(line));
type Part = { kind: 'plain' | 'code' | 'block'; lines: string[]; fence?: string };
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.array(plainLine, { minLength: 1, maxLength: 4 }).map((lines) => ({ kind: 'plain' as const, lines })),
  fc
    .tuple(fc.constantFrom('```', '~~~', '````', '~~~~'), fc.array(fc.oneof(codeLine, fc.constantFrom(START, END)), { maxLength: 4 }))
    .map(([fence, lines]) => ({ kind: 'code' as const, fence, lines })),
  fc.array(contentLine.filter((line) => !FENCE_LIKE.test(line)), { maxLength: 3 }).map((lines) => ({ kind: 'block' as const, lines })),
);
const builtNote = fc.record({
  front: fc.option(fc.array(fc.oneof(frontLine, fc.constantFrom(START, END)), { maxLength: 3 }), { nil: undefined }),
  parts: fc.array(part, { maxLength: 8 }),
});

function render(note: { front?: string[]; parts: Part[] }, firstBlock?: string[]): string {
  const out: string[] = [];
  if (note.front) out.push('---', ...note.front, '---');
  let seen = false;
  for (const p of note.parts) {
    if (p.kind === 'plain') out.push(...p.lines);
    else if (p.kind === 'code') out.push(p.fence ?? '```', ...p.lines, p.fence ?? '```');
    else if (firstBlock === undefined) out.push(START, ...p.lines, END);
    else if (!seen) out.push(START, ...firstBlock, END);
    seen ||= p.kind === 'block';
  }
  return out.map((line) => `${line}\n`).join('');
}

describe('note block: properties over notes with code, frontmatter and duplicated blocks', () => {
  it('replaces the first real block, drops the others, and changes no other byte', () => {
    fc.assert(
      fc.property(builtNote, fc.array(contentLine.filter((line) => !FENCE_LIKE.test(line)), { maxLength: 4 }), (note, lines) => {
        const text = render(note);
        const hasBlock = note.parts.some((p) => p.kind === 'block');
        const out = upsertBlock(text, lines);
        if (hasBlock) expect(out).toBe(render(note, lines));
        else {
          // Appended after a blank line, unless the note is empty or already ends with one.
          const last = text.split('\n').at(-2);
          expect(out).toBe(text + (last === undefined || last.trim() === '' ? '' : '\n') + renderBlock(lines));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never edits a marker inside fenced code or the frontmatter', () => {
    fc.assert(
      fc.property(builtNote, (note) => {
        const text = render(note);
        const real = note.parts.filter((p) => p.kind === 'block').length;
        expect(scanBlocks(text).blocks).toHaveLength(real);
        expect(scanBlocks(text).brokenAt).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('note block: examples', () => {
  const lines = ['> [!info]- Twin briefing: all well', '> 💰 Finance: +2,450 PLN MTD'];

  it('appends after a blank line when the note has no block', () => {
    expect(upsertBlock('# Today\nNotes', lines)).toBe(`# Today\nNotes\n\n${START}\n${lines[0]}\n${lines[1]}\n${END}\n`);
    expect(upsertBlock('# Today\n\n', lines)).toBe(`# Today\n\n${START}\n${lines[0]}\n${lines[1]}\n${END}\n`);
  });

  it('writes just the block into an empty note', () => {
    expect(upsertBlock('', lines)).toBe(`${START}\n${lines[0]}\n${lines[1]}\n${END}\n`);
  });

  it('fills the empty block a template carries, touching nothing else', () => {
    const template = `---\ndate: "2025-01-15"\n---\n# Morning\n${START}\n${END}\n## Journal\n`;
    expect(upsertBlock(template, lines)).toBe(`---\ndate: "2025-01-15"\n---\n# Morning\n${START}\n${lines[0]}\n${lines[1]}\n${END}\n## Journal\n`);
  });

  it('replaces an old block in a CRLF note with CRLF lines', () => {
    const note = `a\r\n${START}\r\nold\r\n${END}\r\nb`;
    expect(upsertBlock(note, lines)).toBe(`a\r\n${START}\r\n${lines[0]}\r\n${lines[1]}\r\n${END}\r\nb`);
  });

  it('ignores markers that are not alone on their line and a stray end marker', () => {
    const note = `see ${START} here\n${END}\nnot a block`;
    const out = upsertBlock(note, lines);
    expect(out.startsWith(note)).toBe(true);
    expect(upsertBlock(out, lines)).toBe(out);
  });

  it('writes nothing when a start marker has no end marker', () => {
    const note = `# Today\n${START}\nthe user's text\n## Journal\n`;
    expect(applyBlock(note, lines)).toEqual({ kind: 'broken', text: note, offset: 8 });
    const twoStarts = `${START}\na\n${START}\nb\n${END}\n`;
    expect(applyBlock(twoStarts, lines).kind).toBe('broken');
  });

  it('leaves a note without markers alone when asked to skip it', () => {
    expect(applyBlock('# Today\n', lines, { missing: 'skip' })).toEqual({ kind: 'no-markers', text: '# Today\n' });
    expect(applyBlock('# Today\n', lines).kind).toBe('written');
  });

  it('merges duplicated blocks into the first, removing the others with their marker lines', () => {
    const note = `a\n${START}\nold 1\n${END}\nb\n${START}\nold 2\n${END}\nc\n${START}\n${END}`;
    expect(upsertBlock(note, lines)).toBe(`a\n${START}\n${lines[0]}\n${lines[1]}\n${END}\nb\nc\n`);
  });

  it('does not count markers in the frontmatter or in code fences', () => {
    const note = [
      '---',
      `note: "${START}"`,
      START,
      END,
      '---',
      '```markdown',
      START,
      'example',
      END,
      '```',
      '~~~~',
      START,
      '~~~',
      END,
      '~~~~',
      '# Real',
      '',
    ].join('\n');
    const out = upsertBlock(note, lines);
    expect(out).toBe(`${note}\n${START}\n${lines[0]}\n${lines[1]}\n${END}\n`);
    // A fence never closed runs to the end of the note: a marker after it is code too.
    expect(scanBlocks('```\ncode\n' + START + '\n' + END + '\n').blocks).toHaveLength(0);
  });

  it('refuses content that would break the block', () => {
    expect(() => upsertBlock('x', [END])).toThrow(RangeError);
    expect(() => upsertBlock('x', ['a\nb'])).toThrow(RangeError);
    expect(() => upsertBlock('x', ['```'])).toThrow(RangeError);
  });
});
