import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,sdk,widget,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
