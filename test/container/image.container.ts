// The container image, built from the Dockerfile and run the way the README says (podman here, its
// command line is Docker's): the key required, uid 1000, data and history kept across a new
// container on the same volume, a clean stop, the health check, and n8n's view by service name.
// Run by `npm run test:container` (.ci/run). Without podman it is skipped, unless
// TWIN_CONTAINER_TESTS=required, where a missing podman fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// vitest's own YAML reader (through vite), for the compose example.
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../bridge/config/config';
import { freePort } from '../fixtures/free-port';
import { logLines, must, podman, podmanAvailable, unique, waitForLog } from './podman';

const required = process.env.TWIN_CONTAINER_TESTS === 'required';
const available = podmanAvailable();
if (!available && !required) console.warn('podman not found: the container image test is skipped (run ../shared/container/stand-in-base.sh first)');

const BASE = process.env.TWIN_IMAGE_BASE ?? 'localhost/node:20-bookworm-slim';
const IMAGE = unique('localhost/digital-twin-test');
const NETWORK = unique('twin-test-net');
const VOLUME = unique('twin-test-data');
// The service name n8n uses; containers are named apart so that two runs never collide.
const SERVICE = 'digital-twin-api';
const KEY = 'container-test-key-0123456789';
const repo = path.resolve(import.meta.dirname, '../..');
const envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-container-'));
const envFile = path.join(envDir, 'digital-twin.env');
const created: string[] = [];
let port: number;

const bridgeLine = /digital twin bridge listening on/;
const url = (p: string) => `http://127.0.0.1:${port}${p}`;

/** The README's `docker run`, on the test's network and a free host port. */
function runBridge(): string {
  const name = unique('twin-api');
  created.push(name);
  must(['run', '-d', '--name', name, '--network', NETWORK, '--network-alias', SERVICE,
    '--restart', 'unless-stopped', '-p', `127.0.0.1:${port}:5677`, '-v', `${VOLUME}:/data`, '--env-file', envFile, IMAGE]);
  return name;
}

/** A second container on the network, as n8n is: it reads /status by the service name. */
function readByServiceName(key: string | null): { status: number; finance: string | null } {
  const script = `fetch('http://${SERVICE}:5677/status',{headers:${JSON.stringify(key ? { 'x-api-key': key } : {})}})` +
    '.then(async r=>{const b=await r.json();console.log(JSON.stringify({status:r.status,finance:b.state?.finance?.status??null}))})';
  const out = must(['run', '--rm', '--network', NETWORK, IMAGE, 'node', '-e', script]);
  return JSON.parse(out.split('\n').at(-1) ?? '{}') as { status: number; finance: string | null };
}

async function historyIds(): Promise<string[]> {
  const res = await fetch(url('/history?limit=500'), { headers: { 'x-api-key': KEY } });
  const body = (await res.json()) as { items: { id: string | number }[] };
  return body.items.map((i) => String(i.id));
}

const imageSize = (image: string) => Number(must(['image', 'inspect', image, '--format', '{{.Size}}']));

describe.skipIf(!available && !required)('container image', () => {
  beforeAll(async () => {
    if (!available) throw new Error('TWIN_CONTAINER_TESTS=required, and podman is not installed: run ../shared/container/stand-in-base.sh');
    port = await freePort();
    fs.writeFileSync(envFile, `DIGITAL_TWIN_API_KEY=${KEY}\nLOG_LEVEL=debug\nTWIN_TIMEZONE=Europe/Warsaw\n`, { mode: 0o600 });
    const t0 = performance.now();
    must(['build', '--format', 'docker', '--build-arg', `BASE=${BASE}`, '-t', IMAGE, '.'], { cwd: repo, timeoutMs: 900_000 });
    console.log(`image built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    must(['network', 'create', NETWORK]);
    must(['volume', 'create', VOLUME]);
  });

  afterAll(() => {
    for (const name of created) podman(['rm', '-f', '-t', '0', name]);
    podman(['volume', 'rm', '-f', VOLUME]);
    podman(['network', 'rm', '-f', NETWORK]);
    podman(['image', 'rm', '-f', IMAGE]);
    fs.rmSync(envDir, { recursive: true, force: true });
  });

  it('adds at most 150 MB to its base image', () => {
    const added = (imageSize(IMAGE) - imageSize(BASE)) / 1e6;
    console.log(`the image adds ${added.toFixed(1)} MB to ${BASE}`);
    expect(added).toBeLessThanOrEqual(150);
  });

  it('stops at once, saying why, without an API key', () => {
    const r = podman(['run', '--rm', IMAGE], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/listening beyond this machine needs DIGITAL_TWIN_API_KEY/);
    // The README's way to get one from the image itself.
    expect(must(['run', '--rm', IMAGE, 'node', 'dist/bridge.mjs', 'key'])).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('runs as uid 1000, answers with the key, refuses without it, is healthy, and is read by its service name', async () => {
    const name = runBridge();
    await waitForLog(name, bridgeLine, 1);
    expect(must(['exec', name, 'cat', '/proc/1/status'])).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
    expect(must(['exec', name, 'stat', '-c', '%u', '/data/pg'])).toBe('1000');
    expect((await fetch(url('/status'), { headers: { 'x-api-key': KEY } })).status).toBe(200);
    expect((await fetch(url('/status'))).status).toBe(401);
    expect(podman(['healthcheck', 'run', name]).code).toBe(0);
    expect(readByServiceName(KEY)).toEqual({ status: 200, finance: 'ok' });
    expect(readByServiceName(null).status).toBe(401);
  });

  it('compose.yaml: the service n8n names, the volume, the env file, and a health check that passes in the container', () => {
    const compose = parseYaml(fs.readFileSync(path.join(repo, 'bridge/examples/compose.yaml'), 'utf8')) as {
      services: Record<string, { env_file: string; volumes: string[]; ports: string[]; restart: string; build: string; healthcheck: { test: string[] } }>;
      networks: Record<string, { external: boolean }>;
    };
    const service = compose.services[SERVICE];
    expect(service).toMatchObject({ env_file: 'digital-twin.env', restart: 'unless-stopped', build: '../..', ports: ['127.0.0.1:5677:5677'] });
    expect(service.volumes).toEqual(['digital-twin-data:/data']);
    expect(Object.values(compose.networks)).toEqual([{ external: true }]);
    const [kind, ...command] = service.healthcheck.test;
    expect(kind).toBe('CMD');
    expect(podman(['exec', created[created.length - 1], ...command]).code).toBe(0);
    // The env example, once its key is filled in, is what the container accepts.
    const example = fs.readFileSync(path.join(repo, 'bridge/examples/digital-twin.env.example'), 'utf8');
    const env = { HOST: '0.0.0.0', ...Object.fromEntries(example.split('\n').filter((l) => /^\w+=/.test(l)).map((l) => l.split('=', 2))) };
    expect(() => loadConfig({ env, envFileDir: null })).toThrow(/needs DIGITAL_TWIN_API_KEY/);
    expect(loadConfig({ env: { ...env, DIGITAL_TWIN_API_KEY: KEY }, envFileDir: null }).timezone).toBe('Europe/Warsaw');
  });

  it('stops cleanly, and a new container on the same volume keeps the data and history without seeding again', async () => {
    const [first] = created.slice(-1);
    const before = await historyIds();
    expect(before.length).toBeGreaterThan(0);
    const t0 = performance.now();
    // -t 10: Docker's default; past it podman kills the container and the exit code is 137.
    const stop = podman(['stop', '-t', '10', first]);
    console.log(`podman stop took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(stop.code).toBe(0);
    expect(must(['inspect', first, '--format', '{{.State.ExitCode}}'])).toBe('0');
    const firstLog = logLines(first);
    expect(firstLog.some((l) => l.includes('database system is shut down'))).toBe(true);
    expect(firstLog.filter((l) => l.includes('demo data created'))).toHaveLength(1);
    must(['rm', first]);

    const second = runBridge();
    await waitForLog(second, bridgeLine, 1);
    const log = logLines(second).join('\n');
    // PostgreSQL's own lines are in the log at debug level: it started, and without recovery.
    expect(log).toContain('database system is ready to accept connections');
    expect(log).not.toMatch(/not properly shut down|automatic recovery in progress|redo starts/);
    expect(log).not.toContain('demo data created');
    expect(log).not.toContain('initialising PostgreSQL');
    const after = await historyIds();
    expect(after).toEqual(expect.arrayContaining(before));
    expect(readByServiceName(KEY).status).toBe(200);
  });
});
