// Computes the state on a fixed interval so that transitions are recorded when nobody asks.
import type { TwinEngine } from '../engine/twin-engine';

export function startPeriodicSync(engine: TwinEngine, intervalSeconds: number): { stop(): void } {
  if (intervalSeconds <= 0) return { stop() {} };
  // A fresh computation (maxAge 0); the engine hands the state to the recorder itself.
  const timer = setInterval(() => void engine.getState(0), intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
