// What starting the bridge takes and what it gives back: the API the command line, the tests and
// the benchmarks use (re-exported by bridge/server.ts).
import type express from 'express';
import type pg from 'pg';
import type { Config, SourceName } from '../config/config';
import type { EmbeddedServer } from '../db/embedded-postgres';
import type { TwinEngine } from '../engine/twin-engine';
import type { HistoryStore } from '../history/history-store';
import type { SyncTracker } from '../history/sync-tracker';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { Clock } from '../time/clock';
import type { WebhookDeliverer } from '../webhook/webhook-deliverer';
import type { WebhookTiming } from '../webhook/start-webhook';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Durability off for throw-away clusters (tests, benchmarks). */
  embeddedFsync?: boolean;
  /** Extra routes mounted behind the API key. */
  extraRoutes?: (deps: { metrics: Metrics }) => express.Router[];
  /** Webhook retry and polling times (tests shorten them). */
  webhookTiming?: WebhookTiming;
  /** Aborted by a stop signal during start-up: the start gives up before its next stage and unwinds. */
  signal?: AbortSignal;
}

export type BridgePools = Record<SourceName | 'twin', pg.Pool>;

export interface Bridge {
  url: string;
  port: number;
  config: Config;
  engine: TwinEngine;
  sync: SyncTracker;
  history: HistoryStore;
  embedded: EmbeddedServer | null;
  pools: BridgePools;
  metrics: Metrics;
  /** The summaries of closed months; null with TWIN_LEDGER_CHECK_SECONDS=0. */
  ledger: Ledger | null;
  /** Pushes transitions to TWIN_WEBHOOK_URL; null when none is set. */
  webhook: WebhookDeliverer | null;
  close(): Promise<void>;
}

/** A start refused for a reason the user can fix (the message says how); no stack trace needed. */
export class StartError extends Error {}

/** The start gave up because it was asked to stop (a signal during start-up). */
export class StartAborted extends StartError {}
