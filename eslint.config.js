// One linter for the whole repo: typed rules (no-floating-promises, switch-exhaustiveness-check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import path from 'node:path';

/**
 * Feature boundaries (issue 15), checked on every lint:
 * - server: a file in `features/A/` imports another feature B only through `features/B/index.ts`
 *   (patient visibility too: `features/patients/index.ts` exports it);
 * - server: `features/*` never import `http/` (they use `core/`), except `http/route.ts` (`defineRoute`);
 * - web: a file in `web/src/features/A/` never imports `web/src/features/B/` (shared things live in `app/`).
 */
const SERVER_FEATURES = path.join(import.meta.dirname, 'packages/server/src/features') + path.sep;
const SERVER_HTTP = path.join(import.meta.dirname, 'packages/server/src/http') + path.sep;
const WEB_FEATURES = path.join(import.meta.dirname, 'packages/web/src/features') + path.sep;

/** The feature folder a path lies in (`mdt` for `.../features/mdt/x.ts`), or null. */
function featureOf(file, root) {
  if (!file.startsWith(root)) return null;
  const rest = file.slice(root.length);
  const i = rest.indexOf(path.sep);
  return i < 0 ? null : rest.slice(0, i);
}

const boundaries = {
  meta: { type: 'problem', schema: [], messages: { cross: '{{why}}' } },
  create(context) {
    const file = context.filename;
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source).replace(/\.(js|ts|tsx)$/, '');
      let why = null;
      const from = featureOf(file, SERVER_FEATURES);
      if (from) {
        const to = featureOf(target, SERVER_FEATURES);
        const base = path.basename(target);
        const allowed = base === 'index';
        if (to && to !== from && !allowed)
          why = `features/${from} may import features/${to} only through features/${to}/index.ts (found ${source}).`;
        if (target.startsWith(SERVER_HTTP) && path.basename(target) !== 'route')
          why = `features/* use core/, not http/ internals (found ${source}); only http/route.ts (defineRoute) is allowed.`;
      }
      const webFrom = featureOf(file, WEB_FEATURES);
      if (webFrom) {
        const to = featureOf(target, WEB_FEATURES);
        if (to && to !== webFrom)
          why = `web features/${webFrom} must not import features/${to} (found ${source}); shared code lives in app/.`;
      }
      if (why) context.report({ node, messageId: 'cross', data: { why } });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/migrations/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', '*.ts', 'scripts/*.mjs', 'scripts/*.d.mts', 'bench/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Route handlers and hooks are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(skip|only)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'No .skip/.only in committed tests.',
        },
      ],
    },
  },
  {
    // Tests use expect.any() and friends, typed any by vitest.
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    // The medium tiers share one module graph per worker (vitest.config.ts, isolate: false): a mock, a spy, a stubbed
    // environment or fake timers would leak into the files that run after. They test the real parts anyway.
    files: ['packages/server/test/medium/**/*.ts', 'packages/server/test/process/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(skip|only)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'No .skip/.only in committed tests.',
        },
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|spyOn|stubEnv|stubGlobal|useFakeTimers|setSystemTime)$/]",
          message: 'Medium tests share modules within a worker (isolate: false): no module mocks, spies, stubs or fake timers.',
        },
      ],
    },
  },
  {
    // Journeys run two at a time, each worker on its own server (e2e/fixtures.ts): Playwright's own `test` would send
    // every worker to the first server, where two journeys would share one database.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test', 'expect'],
              message: "Import test and expect from './fixtures.js': it points each worker at its own server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts', 'packages/web/src/**/*.{ts,tsx}'],
    plugins: { gisurg: { rules: { 'feature-boundaries': boundaries } } },
    rules: { 'gisurg/feature-boundaries': 'error' },
  },
  {
    // defineRoute's `created` and `etag` options set 201, Location and ETag (issue 15): no handler sets them by hand.
    files: ['packages/server/src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(skip|only)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'No .skip/.only in committed tests.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(status|code)$/][arguments.0.value=201]',
          message: 'A creating route says `created: true` (or `created: (r) => location`) in defineRoute instead of setting 201 by hand.',
        },
        {
          selector: "CallExpression[callee.property.name='header'][arguments.0.value=/^(etag|location)$/i]",
          message: "Use defineRoute's `etag: (r) => r.version` / `created: (r) => location` instead of setting the header by hand.",
        },
        {
          // Issue 16: every hospital counted 0 users and every research project 0 consents.
          selector:
            "TaggedTemplateExpression[tag.name='sql'][quasi.quasis.0.value.raw=/^\\s*\\(\\s*select\\b/i] > TemplateLiteral > MemberExpression",
          message:
            "In a correlated subquery write the outer column as ${table}.${sql.identifier('col')}: in a one-table select Drizzle prints ${table.col} as a bare column name, which the subquery binds to its own table.",
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
