// The repository's ESLint configuration (flat config), shared by every package.
//
// - TypeScript: typescript-eslint's recommended rules. Syntax only, not the
//   type-checked set: linting stays fast and needs no build.
// - JavaScript (scripts, benchmarks, the e2e harness, build helpers): ESLint's
//   recommended rules, with Node's globals.
// - A few rules of our own (below), each for a real class of bug.
//
// Each package's `lint` script runs `eslint .` in the package folder, which
// finds this file (a package without an eslint.config.mjs of its own). The
// n8n node packages and the node kit have their own eslint.config.mjs: it
// spreads this configuration and adds n8n's community-node rules on top
// (`@imagegate/n8n/eslint`). The root's `lint:root` lints scripts/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = ['**/*.{ts,mts,cts,tsx,js,mjs,cjs}'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.turbo/**',
      '**/out/**',
      '**/.e2e-cache/**',
      // tsup's and vitest's bundled configs, there only while a build or a test runs beside the lint.
      '**/*.bundled_*.mjs',
      '**/*.timestamp-*.mjs',
    ],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
  },
  {
    // Code only: a node package's config adds package.json, which n8n's rules read.
    files: CODE,
    extends: [tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused code is dead code, except names that say so: `_`-prefixed
      // parameters (an interface's signature), caught errors and
      // destructured leftovers (`const { a: _a, ...rest } = …`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Type-only imports say so (`import { type A, b }`, as the code already
      // writes them): a bundler drops them without guessing.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `==` only against null (null or undefined at once).
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
      // Prettier wraps code at 120 columns but not strings or comments: those are wrapped by hand.
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true }],
    },
  },
  {
    // Library code reports through errors, results and the host's logger, never the console
    // (tests, benchmarks, the e2e harness and scripts may print).
    files: ['**/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
