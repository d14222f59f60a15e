// `fs` with a globSync for Node 20, enough for `**/<file name>` and `<file name>` patterns.
import fs from 'node:fs';
import path from 'node:path';

export * from 'node:fs';
export default fs;

export function globSync(pattern, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const m = /^(\*\*\/)?([^*/]+)$/.exec(pattern);
  if (!m) throw new Error(`globSync on Node 20 supports only "**/name" and "name" patterns, not ${pattern}`);
  if (!m[1]) return fs.existsSync(path.join(cwd, m[2])) ? [m[2]] : [];
  return fs
    .readdirSync(cwd, { recursive: true })
    .map(String)
    .filter((p) => path.basename(p) === m[2]);
}
