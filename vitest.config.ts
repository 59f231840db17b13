import { defineConfig } from 'vitest/config';
// Two workers: the CI machine has 2 cores (vitest's default leaves one idle), and the SPIN
// agreement tests (spin*.test.ts) are split into files so that they run side by side.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60000, hookTimeout: 120000, pool: 'forks', maxWorkers: 2 },
});
