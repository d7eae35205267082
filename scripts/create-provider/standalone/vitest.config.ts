import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Room for slow CI machines; the whole contract run takes well under a second here.
    testTimeout: 20_000,
  },
});
