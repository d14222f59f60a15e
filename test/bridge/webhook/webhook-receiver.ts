// A real HTTP receiver for webhook tests: records every request (raw body and headers) and answers
// as the test says: 200, an error status, or no answer at all. It can be stopped and started again
// on the same port, as a receiver that goes down and comes back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  raw: string;
  body: { id: string; entity_type: string; created_at: string; [k: string]: unknown };
  headers: http.IncomingHttpHeaders;
  /** What the receiver answered (0: it never answered). */
  answered: number;
}

export type Answer = 'ok' | number | 'hang';

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Answers given to the next requests, in order; then 200. */
  readonly script: Answer[] = [];
  /** Runs while a request is left unanswered, the sender waiting for its answer. */
  whileHanging: (() => void) | null = null;
  private server: http.Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/twin?token=abc`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const answer = this.script.shift() ?? 'ok';
        const entry: Received = { raw, body: JSON.parse(raw), headers: req.headers, answered: answer === 'hang' ? 0 : answer === 'ok' ? 200 : answer };
        this.received.push(entry);
        if (answer === 'hang') {
          this.whileHanging?.();
          return; // the bridge's timeout has to give up on it
        }
        res.writeHead(entry.answered, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests answered 2xx, in arrival order. */
  accepted(): Received[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300);
  }
}

/** Polls `check` until it holds (a test's own timeout bounds the wait; nothing is asserted on time). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
