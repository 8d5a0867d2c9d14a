// Lint rules, including the dependency direction of design.md: cli → http → core ← store (and shared-counters).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/** Error texts only in catalogues: literal texts given to the generic error makers, and `new RosterError`. */
const ERROR_TEXT_RULES = [
  ...['failure', 'typedFailure', 'domainError'].flatMap((name) =>
    ['Literal', 'TemplateLiteral'].map((kind) => ({
      selector: `CallExpression[callee.name='${name}'] > ${kind}`,
      message: 'error texts belong in an *-errors.ts catalogue',
    })),
  ),
  {
    selector: "NewExpression[callee.name='RosterError']",
    message: 'build errors in an *-errors.ts catalogue',
  },
];

/** http/ never reaches the store: no `x.store`, no `{ store } = x`. */
const NO_STORE_IN_HTTP = [
  {
    selector: "MemberExpression[property.name='store']",
    message: 'http never reaches the store: call a core service or function (core/context.ts composes them)',
  },
  {
    selector: "ObjectPattern > Property[key.name='store']",
    message: 'http never reaches the store: call a core service or function (core/context.ts composes them)',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: forbid(
      [
        '**/http/**',
        '**/store/**',
        '**/cli/**',
        '**/import/**',
        '**/shared-counters/**',
        'fastify',
        'better-sqlite3',
        'pg',
        'ioredis',
      ],
      'core imports no framework, driver or outer layer',
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: forbid(
      ['**/store/**', '**/cli/**', '**/shared-counters/**', 'better-sqlite3', 'pg', 'ioredis'],
      'http never imports store/, shared-counters/ or cli/',
    ),
  },
  {
    files: ['src/shared-counters/**/*.ts'],
    rules: forbid(
      ['**/http/**', '**/store/**', '**/cli/**', '**/import/**', 'fastify', 'better-sqlite3', 'pg'],
      'shared counters depend only on core',
    ),
  },
  {
    files: ['src/import/**/*.ts'],
    rules: forbid(
      ['**/http/**', '**/store/**', '**/cli/**', 'fastify', 'better-sqlite3', 'pg'],
      'the importer depends only on core',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: forbid(['**/http/**', '**/cli/**', 'fastify'], 'adapters depend only on core'),
  },
  {
    // structure-review §4: every error text lives in a catalogue (src/errors.ts or an area's *-errors.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/errors.ts', 'src/**/*-errors.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ERROR_TEXT_RULES] },
  },
  {
    // structure-review §4: http calls core's services, never the store (Context.store is core's own).
    files: ['src/http/**/*.ts'],
    ignores: ['src/http/**/*-errors.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ERROR_TEXT_RULES, ...NO_STORE_IN_HTTP] },
  },
);
