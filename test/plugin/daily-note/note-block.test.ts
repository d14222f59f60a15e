import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { briefingLines } from '../../../plugin/daily-note/briefing-callout';
import { BRIEFING_MARKERS, detectEol, findBlock, readBlock, renderBlock, upsertBlock } from '../../../plugin/daily-note/note-block';
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
  it('never changes a byte outside the block', () => {
    fc.assert(
      fc.property(noteText, blockContent, (text, lines) => {
        const before = findBlock(text);
        const out = upsertBlock(text, lines);
        if (before) {
          expect(out.slice(0, before.contentStart)).toBe(text.slice(0, before.contentStart));
          expect(out.slice(out.length - (text.length - before.contentEnd))).toBe(text.slice(before.contentEnd));
        } else {
          expect(out.startsWith(text)).toBe(true);
          const added = out.slice(text.length);
          expect(added.replace(/^(\r?\n)*/, '')).toBe(renderBlock(lines, detectEol(text)));
        }
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

  it('ignores markers that are not alone on their line and stray markers', () => {
    const note = `see ${START} here\n${END}\n${START}\nnot closed`;
    const out = upsertBlock(note, lines);
    expect(out.startsWith(note)).toBe(true);
    expect(upsertBlock(out, lines)).toBe(out);
  });

  it('refuses content that would break the block', () => {
    expect(() => upsertBlock('x', [END])).toThrow(RangeError);
    expect(() => upsertBlock('x', ['a\nb'])).toThrow(RangeError);
  });
});
