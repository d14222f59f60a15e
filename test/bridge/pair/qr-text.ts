// The modules of a QR code read back from the half-block text `digital-twin pair` prints (dark = true).
const TOP = new Set(['█', '▀']);
const BOTTOM = new Set(['█', '▄']);

export function modulesOf(lines: string[]): boolean[][] {
  return lines.flatMap((line) => {
    const cells = [...line.replace(/\u001b\[[0-9;]*m/g, '')];
    return [cells.map((c) => TOP.has(c)), cells.map((c) => BOTTOM.has(c))];
  });
}
