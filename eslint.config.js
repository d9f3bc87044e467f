// ESLint flat config. The architecture of DESIGN.md is enforced here: shared/ is pure (no Node,
// DOM, Express, AWS SDK or React), web/ never imports server/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'url',
  'zlib',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'web/dist/',
      'coverage/',
      'bin/',
      'test/artifacts/',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'shared/ is isomorphic: no Node built-ins.' },
            {
              group: ['express', 'express/*', '@aws-sdk/*', 'react', 'react-dom', 'better-sqlite3'],
              message: 'shared/ is pure domain code.',
            },
            {
              group: ['**/server/**', '**/web/**'],
              message: 'shared/ imports nothing from server/ or web/.',
            },
          ],
        },
      ],
    },
  },
  {
    // A map keyed by data is a Map or a null-prototype record (shared/data-record.ts): `x[k] ??= {}`
    // with a data key `__proto__` writes onto Object.prototype (issue 13). The feeding test
    // test/server/analyze/prototype-keys.test.ts covers what a syntax rule cannot see.
    files: ['shared/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "AssignmentExpression[operator='??='][left.type='MemberExpression'][left.computed=true] > ObjectExpression.right[properties.length=0]",
          message:
            'A record keyed by data must not get `{}` entries by `x[key] ??= {}`: use a Map or dataRecord()/setDataKey() (shared/data-record.ts).',
        },
        {
          selector:
            "AssignmentExpression[operator='??='][left.type='MemberExpression'][left.computed=true] > ArrayExpression.right",
          message:
            'A record keyed by data must not get entries by `x[key] ??= []` (a key `__proto__` reads Object.prototype): use a Map or ownValue()/setDataKey() (shared/data-record.ts).',
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'web/ never imports server/.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
