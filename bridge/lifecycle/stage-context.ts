// What every start stage is handed: the settings, the clock and logger, the metrics, the shutdown
// stack to push its teardown onto, and the hooks through which a stage hears of later stages' events.
import type { Config } from '../config/config';
import type { TwinState } from '../contract/twin-state';
import type { TwinEngine } from '../engine/twin-engine';
import { silentLogger, type Logger } from '../log/logger';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { systemClock, type Clock } from '../time/clock';
import { ShutdownStack } from './shutdown-stack';
import type { StartOptions } from './start-options';

export interface TwinHooks {
  /** Every freshly computed state (history recording, the webhook and the gauges listen here). */
  computed: ((state: TwinState, engine: TwinEngine) => void)[];
  /** New history rows were written. */
  historyWritten: (() => void)[];
  /** The ledger found a closed period changed at the source (or the user's SQL edited) and built it again. */
  ledgerChanged: (() => void)[];
}

export interface StageContext {
  config: Config;
  options: StartOptions;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  hooks: TwinHooks;
  shutdown: ShutdownStack;
}

/** A fresh context: the options' clock and logger (or the system clock and silence), new metrics, no hooks, an empty stack. */
export function createStageContext(config: Config, options: StartOptions): StageContext {
  const log = options.logger ?? silentLogger;
  return {
    config,
    options,
    log,
    clock: options.clock ?? systemClock,
    metrics: createMetrics(),
    hooks: { computed: [], historyWritten: [], ledgerChanged: [] },
    shutdown: new ShutdownStack(log),
  };
}

// Docker sends SIGKILL 10 s after SIGTERM. These limits add up to 8 s, which leaves the embedded
// PostgreSQL (stopped last, without a limit) time for its fast shutdown, so no crash recovery follows.
// They only bound a stop that hangs: normally every step is done in milliseconds.
export const STOP_LIMITS_MS = {
  /** In-flight requests get this long, then their connections are closed. */
  http: 4000,
  engine: 1000,
  historyWrites: 1500,
  webhook: 1000,
  pools: 500,
  ledger: 1000,
} as const;
