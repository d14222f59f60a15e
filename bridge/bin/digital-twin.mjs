#!/usr/bin/env node
// The `digital-twin` command. The published package runs the bundle it ships (dist/bridge.mjs,
// built by `npm pack`), with no compiler installed; a clone of the repository, which holds the
// TypeScript source, runs that source directly with tsx, so it needs no build step.
import fs from 'node:fs';

const source = new URL('../cli.ts', import.meta.url);
if (fs.existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  // What `npm start`'s --enable-source-maps does: stack traces name the TypeScript files.
  process.setSourceMapsEnabled(true);
  await import(new URL('../../dist/bridge.mjs', import.meta.url).href);
}
