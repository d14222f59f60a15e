// A QR code drawn in a terminal with Unicode half blocks: each character is two modules, one above
// the other, so the code keeps its square shape in a terminal's tall cells.
import { encode } from 'uqr';

const GLYPH: Record<string, string> = { '00': ' ', '10': '▀', '01': '▄', '11': '█' };
// Black on bright white: dark modules stay dark whatever the terminal's theme, which scanners need.
const PAINT = '\u001b[30;107m';
const RESET = '\u001b[0m';

/** The modules as text; `dark` is true for a dark module. With `colour`, the light ones are painted too. */
export function halfBlocks(dark: readonly (readonly boolean[])[], colour: boolean): string[] {
  const rows: string[] = [];
  for (let y = 0; y < dark.length; y += 2) {
    const top = dark[y];
    const bottom = dark[y + 1] ?? top.map(() => false);
    const line = top.map((d, x) => GLYPH[`${d ? 1 : 0}${bottom[x] ? 1 : 0}`]).join('');
    rows.push(colour ? `${PAINT}${line}${RESET}` : line);
  }
  return rows;
}

/** The QR code of `text` (error correction M, so a screen's glare does not stop the scan) as terminal lines. */
export function terminalQr(text: string, colour: boolean): string[] {
  // Two modules of quiet zone: the painted margin is what scanners look for around the code.
  return halfBlocks(encode(text, { ecc: 'M', border: 2 }).data, colour);
}
