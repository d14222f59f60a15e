// Computes the state on a fixed interval so that transitions are recorded when nobody asks, and
// runs the history housekeeping (retention) on the same beat. When the sources say nothing was
// written since the last computation and the day is the same, the state would be the same: the beat
// confirms it instead of computing it (the snapshot holds nothing that moves within a day).
import type { TwinState } from '../contract/twin-state';
import type { TwinEngine } from '../engine/twin-engine';

export interface PeriodicSyncOptions {
  housekeeping?: () => Promise<void>;
  /**
   * What the state is computed from, cheaply: the sources' change signals and the local day. Null or
   * a rejection: unknown, so the state is computed.
   */
  quietKey?: () => Promise<string | null>;
  /** Told when a beat found the key of the last healthy computation: nothing to record. */
  onUnchanged?: () => void;
}

const healthy = (s: TwinState) => s.health.status === 'ok' && s.finance.status === 'ok' && s.pantry.status === 'ok';

export function startPeriodicSync(engine: TwinEngine, intervalSeconds: number, o: PeriodicSyncOptions = {}): { stop(): void } {
  if (intervalSeconds <= 0) return { stop() {} };
  // A slow housekeeping run is never started twice at once.
  let tidying = false;
  // The key read before the last computation, kept only when every domain was read: a degraded one
  // may come back without a row written.
  let computedAt: string | null = null;
  const beat = async () => {
    const key = o.quietKey ? await o.quietKey().catch(() => null) : null;
    if (key !== null && key === computedAt) {
      o.onUnchanged?.();
      return;
    }
    // A fresh computation (maxAge 0); the engine hands the state to the recorder itself.
    const state = await engine.getState(0);
    computedAt = key !== null && healthy(state) ? key : null;
  };
  const timer = setInterval(() => {
    void beat();
    if (!o.housekeeping || tidying) return;
    tidying = true;
    void o.housekeeping().finally(() => {
      tidying = false;
    });
  }, intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
