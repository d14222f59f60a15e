// Install and uninstall carried out, or printed with --dry-run. Install is safe to repeat: the env
// file is kept, the definition rewritten, the service restarted. Uninstall removes only the
// definition install wrote (it carries the WRITTEN_BY line), never the env file or the data folder.
import fs from 'node:fs';
import { WRITTEN_BY, type ServiceInputs } from './service-inputs';
import { installPlan, uninstallPlan, type ServiceFile, type ToolCall } from './service-plan';
import { bridgeUrl, readSettings } from './service-settings';

export interface ServiceIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type ToolRunner = (call: ToolCall) => ToolResult;

const shown = (call: ToolCall) => [call.tool, ...call.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

function writeFile(file: ServiceFile): 'written' | 'kept' {
  if (file.keep && fs.existsSync(file.path)) {
    fs.chmodSync(file.path, file.mode);
    return 'kept';
  }
  const data = file.utf16 ? Buffer.from(`\ufeff${file.text}`, 'utf16le') : file.text;
  fs.writeFileSync(file.path, data, { mode: file.mode });
  fs.chmodSync(file.path, file.mode);
  return 'written';
}

function call(run: ToolRunner, c: ToolCall, io: ServiceIo): ReturnType<ToolRunner> | null {
  const r = run(c);
  if (r.code === 0 || c.mayFail) return r;
  io.err.write(`\`${shown(c)}\` failed (exit ${r.code ?? 'none'}): ${r.stderr.trim() || r.stdout.trim()}\n`);
  return null;
}

export function runInstall(
  i: ServiceInputs,
  envText: string,
  run: ToolRunner,
  io: ServiceIo,
  o: { dryRun: boolean; build: (repoDir: string) => void },
): number {
  const settings = readSettings(envText);
  if (!settings.ok) {
    io.err.write(`The settings for the service (${i.envFile}) are not valid; nothing was installed.\n${settings.message}\n`);
    return 2;
  }
  const plan = installPlan(i, envText);
  if (o.dryRun) {
    const files = plan.files.map((f) => {
      const note = f.keep ? (fs.existsSync(f.path) ? ', kept as it is' : ', written only if missing') : '';
      return `--- ${f.path} (mode ${f.mode.toString(8)}${note})\n${f.text}`;
    });
    io.out.write([`# would build ${i.bundlePath}`, ...plan.dirs.map((d) => `mkdir -p ${d}`), ...files, ...plan.calls.map(shown), ''].join('\n'));
    return 0;
  }
  o.build(i.repoDir);
  for (const dir of plan.dirs) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const file of plan.files) io.out.write(`${writeFile(file)} ${file.path}\n`);
  for (const c of plan.calls) {
    const r = call(run, c, io);
    if (r === null) return 1;
    if (c.tool === 'loginctl' && r.stdout.trim() !== 'yes') {
      io.out.write(`It starts when you log in. To start it at boot without logging in: loginctl enable-linger ${i.user}\n`);
    }
  }
  io.out.write(`The bridge runs as a service at ${bridgeUrl(settings.config)}; its settings are in ${i.envFile}.\n`);
  return 0;
}

function ours(file: string): boolean {
  const bytes = fs.readFileSync(file);
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le') : bytes.toString('utf8');
  return text.includes(WRITTEN_BY);
}

export function runUninstall(i: ServiceInputs, run: ToolRunner, io: ServiceIo, dryRun: boolean): number {
  const plan = uninstallPlan(i);
  const files = plan.files.filter((f) => fs.existsSync(f) && ours(f));
  if (dryRun) {
    io.out.write([...plan.calls.map(shown), ...files.map((f) => `rm ${f}`), ...plan.after.map(shown), ''].join('\n'));
    return 0;
  }
  for (const c of plan.calls) call(run, c, io);
  for (const f of files) {
    fs.rmSync(f);
    io.out.write(`removed ${f}\n`);
  }
  for (const c of plan.after) call(run, c, io);
  io.out.write(`Kept: ${i.envFile} (your settings) and the data folder.\n`);
  return 0;
}
