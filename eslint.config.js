import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dashboard/.next/**', 'db/migrations/**', 'bench/out/**', 'screenshots/**', 'dashboard/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Domain code takes time from the injected Clock.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'use the injected Clock, not Date.now()' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**', 'scripts/**', 'db/testing/**', 'jobs/**', 'dashboard/**', 'kernel/clock.ts', '**/cli.ts', '**/*.browser.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
