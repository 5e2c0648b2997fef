// Lint rules: the recommended sets, plus the few that catch mistakes we care about in a CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['scratch/', 'dist/', 'node_modules/', 'bench/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Issue #11: sizing and recommend do no I/O. The data is loaded once at the edge
    // (src/data/model-data.ts, called by the CLI commands, tests and the benchmark) and passed in.
    files: ['src/sizing/**', 'src/recommend/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/data/*'], importNamePattern: '^load', message: 'sizing and recommend do no I/O: take the data as an argument (ModelData, loaded at the edge)' },
            { group: ['**/model/parse-workload*'], message: 'the workload schema reads formulas/: use ModelData.parseWorkload' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'sizing and recommend do no I/O' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
