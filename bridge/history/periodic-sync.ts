// Computes the state on a fixed interval so that transitions are recorded when nobody asks, and
// runs the history housekeeping (retention) on the same beat.
import type { TwinEngine } from '../engine/twin-engine';

export function startPeriodicSync(engine: TwinEngine, intervalSeconds: number, housekeeping?: () => Promise<void>): { stop(): void } {
  if (intervalSeconds <= 0) return { stop() {} };
  // A slow housekeeping run is never started twice at once.
  let tidying = false;
  const timer = setInterval(() => {
    // A fresh computation (maxAge 0); the engine hands the state to the recorder itself.
    void engine.getState(0);
    if (!housekeeping || tidying) return;
    tidying = true;
    void housekeeping().finally(() => {
      tidying = false;
    });
  }, intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
