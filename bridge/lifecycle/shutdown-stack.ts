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
   * Runs every step, last pushed first. A step that throws or overruns its limit is logged and the
   * rest still run. Resolves with the names of the steps that failed; a second call joins the first.
   */
  unwind(): Promise<string[]> {
    this.unwinding ??= this.runAll();
    return this.unwinding;
  }

  private async runAll(): Promise<string[]> {
    const failed: string[] = [];
    for (const step of [...this.steps].reverse()) {
      try {
        await this.runOne(step);
        this.log.debug({ step: step.name }, `${step.name} stopped`);
      } catch (err) {
        failed.push(step.name);
        this.log.error({ err, step: step.name }, `stopping ${step.name} failed; going on with the rest`);
      }
    }
    return failed;
  }

  private async runOne(step: Teardown): Promise<void> {
    const work = Promise.resolve().then(step.run);
    if (step.limitMs === undefined) {
      await work;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${step.name} did not finish within ${step.limitMs} ms`)), step.limitMs);
    });
    try {
      await Promise.race([work, overrun]);
    } finally {
      clearTimeout(timer);
    }
  }
}
