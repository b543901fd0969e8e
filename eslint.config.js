// ESLint flat config: ESLint's own recommended rules plus typescript-eslint "recommended" (syntax only, not
// type-checked, so `npm run lint` stays fast; `npm run typecheck` does the type work). Import cycles and module
// boundaries are checked by scripts/lint.mjs, not here.
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

// The same set as @eslint/js "recommended" (not installed on its own): every core rule documented as recommended.
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']),
);

// Globals for the plain-JS files (scripts, e2e). TypeScript files get no-undef switched off by typescript-eslint.
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'Response', 'Request', 'Headers', 'FormData',
    'Blob', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance',
    'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'globalThis',
  ].map((g) => [g, 'readonly']),
);
// Code passed to page.evaluate() in e2e journeys runs in the browser.
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'getComputedStyle'].map((g) => [
    g,
    'readonly',
  ]),
);

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'e2e/artifacts/**', 'bench/results/**', 'data/**',
      'apps/server/drizzle/**'],
  },
  { files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'], rules: eslintRecommended },
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and destructured leftovers (`const { a: _a, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...nodeGlobals } },
  },
  {
    files: ['e2e/**/*.{js,mjs}'],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } },
  },
);
