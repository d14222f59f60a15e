// One set of Node flags for the bridge wherever it runs: npm start and the container image carry the
// same flags as the desktop service and the benchmark (which import them).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_NODE_FLAGS } from '../../../bridge/service/node-flags';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('the bridge Node flags', () => {
  it('are those of npm start and of the container image', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start;
    const cmd = /^CMD \[(.*)\]$/m.exec(read('Dockerfile'))?.[1] ?? '';
    const flagsOf = (words: string[]) => words.filter((w) => w.startsWith('--max-'));
    expect(flagsOf(start.split('&&').at(-1)!.trim().split(/\s+/))).toEqual([...BRIDGE_NODE_FLAGS]);
    expect(flagsOf((JSON.parse(`[${cmd}]`) as string[]))).toEqual([...BRIDGE_NODE_FLAGS]);
  });
});
