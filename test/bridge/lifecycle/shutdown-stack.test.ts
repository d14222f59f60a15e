// The one shutdown stack: last pushed first, a failing or hanging step is logged and the rest still run.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ShutdownStack } from '../../../bridge/lifecycle/shutdown-stack';

function capturedLogger() {
  const lines: { msg: string; step?: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { msg: string; step?: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('the shutdown stack', () => {
  it('runs the steps last pushed first', async () => {
    const { log } = capturedLogger();
    const stack = new ShutdownStack(log);
    const ran: string[] = [];
    for (const name of ['databases', 'pools', 'http']) stack.push(name, () => void ran.push(name));
    expect(await stack.unwind()).toEqual([]);
    expect(ran).toEqual(['http', 'pools', 'databases']);
  });

  it('logs a failing step by name and still runs the ones below it', async () => {
    const { log, lines } = capturedLogger();
    const stack = new ShutdownStack(log);
    const ran: string[] = [];
    stack.push('databases', () => void ran.push('databases'));
    stack.push('pools', () => Promise.reject(new Error('pool already ended')));
    stack.push('webhook', () => {
      throw new Error('receiver gone');
    });
    stack.push('http', () => void ran.push('http'));
    expect(await stack.unwind()).toEqual(['webhook', 'pools']);
    expect(ran).toEqual(['http', 'databases']);
    expect(lines.filter((l) => l.msg.includes('failed')).map((l) => l.step)).toEqual(['webhook', 'pools']);
  });

  it('goes on past a step that never finishes when it has a limit, and says so', async () => {
    const { log, lines } = capturedLogger();
    const stack = new ShutdownStack(log);
    const ran: string[] = [];
    stack.push('databases', () => void ran.push('databases'));
    stack.push('engine', () => new Promise(() => {}), { limitMs: 20 });
    expect(await stack.unwind()).toEqual([]);
    expect(ran).toEqual(['databases']);
    expect(lines.filter((l) => l.msg.includes('did not stop')).map((l) => l.step)).toEqual(['engine']);
  });

  it('runs each step once however often it is unwound', async () => {
    const { log } = capturedLogger();
    const stack = new ShutdownStack(log);
    let runs = 0;
    stack.push('pools', () => void runs++);
    await Promise.all([stack.unwind(), stack.unwind()]);
    await stack.unwind();
    expect(runs).toBe(1);
  });
});
