// `npm run lint:openapi`: Redocly's linter over the OpenAPI document as the bridge serves it, written
// from the code to a temporary folder (never a committed copy that could go stale). The ruleset is
// `recommended-strict`: Redocly's recommended rules with every warning counted as an error, so a new
// operation without an operationId fails the run. Offline: telemetry and the update check are off.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { openApiDocument } from '../../bridge/contract/openapi';

const CONFIG = 'extends:\n  - recommended-strict\ntelemetry: off\n';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-openapi-'));
try {
  fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(openApiDocument(packageJson.version), null, 2));
  // The config sits beside the document, and the linter runs there, so no redocly.yaml or ignore file
  // elsewhere can relax it.
  fs.writeFileSync(path.join(dir, 'redocly.yaml'), CONFIG);
  const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const run = spawnSync(process.execPath, [cli, 'lint', '--lint-config', 'error', 'openapi.json'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = run.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
