import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Room for slow CI machines: the checks lint dist/ and load the node as n8n does.
    testTimeout: 30_000,
    // The kit's ESM build imports n8n-workflow, whose ESM build Node cannot load itself (extensionless
    // imports such as './logger-proxy'); loaded through Vite, the kit gets n8n-workflow through Vite too.
    server: { deps: { inline: ['@imagegate/n8n'] } },
  },
});
