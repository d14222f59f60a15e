// What was started is stopped in reverse order, by the same list whether the start failed half-way
// or the bridge is closing: each stage pushes its own teardown once it has succeeded.
import type { Logger } from '../log/logger';

export interface TeardownOptions {
  /**
   * How long to wait for this step before going on with the rest. Docker stops a container 10 s
   * after SIGTERM with SIGKILL, which would leave the embedded PostgreSQL to crash recovery.
   */
  limitMs?: number;
}

interface Teardown extends TeardownOptions {
  name: string;
  run: () => Promise<unknown> | void;
}

export class ShutdownError extends Error {
  constructor(readonly failed: string[]) {
    super(`shutdown steps failed: ${failed.join(', ')}`);
  }
}

export class ShutdownStack {
  private readonly steps: Teardown[] = [];
  private unwinding: Promise<string[]> | null = null;

  constructor(private readonly log: Logger) {}

  push(name: string, run: Teardown['run'], options: TeardownOptions = {}): void {
    this.steps.push({ name, run, ...options });
  }

  /** Names of the steps pushed so far, first pushed first (for diagnostics and tests). */
  names(): string[] {
    return this.steps.map((s) => s.name);
  }

  /**
   * Runs every step, last pushed first. A step that throws is logged and the rest still run; one
   * that overruns its limit is logged and left behind. Resolves with the names of the steps that
   * threw; a second call joins the first.
   */
  unwind(): Promise<string[]> {
    this.unwinding ??= this.runAll();
    return this.unwinding;
  }

  /** Unwinds, and throws a ShutdownError naming the steps that threw. */
  async close(): Promise<void> {
    const failed = await this.unwind();
    if (failed.length > 0) throw new ShutdownError(failed);
  }

  private async runAll(): Promise<string[]> {
    const failed: string[] = [];
    for (const step of [...this.steps].reverse()) {
      try {
        const finished = await this.runOne(step);
        if (finished) this.log.debug({ step: step.name }, `${step.name} stopped`);
        else this.log.warn({ step: step.name, limit_ms: step.limitMs }, `${step.name} did not stop within ${step.limitMs} ms; going on with the rest`);
      } catch (err) {
        failed.push(step.name);
        this.log.error({ err, step: step.name }, `stopping ${step.name} failed; going on with the rest`);
      }
    }
    return failed;
  }

  /** True when the step finished, false when it overran its limit. */
  private async runOne(step: Teardown): Promise<boolean> {
    const work = Promise.resolve().then(step.run);
    if (step.limitMs === undefined) {
      await work;
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), step.limitMs);
    });
    try {
      return await Promise.race([work.then(() => true as const), overrun]);
    } finally {
      clearTimeout(timer);
    }
  }
}
