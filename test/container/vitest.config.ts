// The container image test: its own run (`npm run test:container`, called by .ci/run), so that the
// ordinary `npm test` never builds images.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/container/**/*.container.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
