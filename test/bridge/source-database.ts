// A fresh source database for a whole test file, opened as the bridge opens its pools.
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freshDatabases, type TestDatabases } from '../fixtures/databases';
import { sourcePool } from './source-rows';

/**
 * Fresh databases for the calling test file, and a pool on the `kind` one handed to `opened` before
 * the file's tests (which may prepare it further); both closed and dropped after them.
 */
export function withSourcePool(kind: 'finance' | 'training' | 'pantry' | 'twin', opened: (pool: pg.Pool) => void | Promise<void>): void {
  let dbs: TestDatabases | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    dbs = await freshDatabases();
    pool = sourcePool(dbs[kind], kind);
    await opened(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await dbs?.drop();
  });
}
