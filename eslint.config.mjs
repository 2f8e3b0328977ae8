// ESLint for the whole TypeScript code base (npm run lint; part of npm test). Deliberately small:
// the rules that catch real mistakes without type information — unused code and imports, and
// the recommended correctness rules — so it runs in seconds on every change.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'scratch/**', '**/*.js', '**/*.mjs', 'adapters/**/types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The code base uses `any` deliberately at JSON and GraphQL boundaries.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
);
