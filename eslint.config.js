import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'coverage', 'node_modules', 'test-results', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/app/**', 'src/pages/**', 'src/chat/**', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The browser bundle must never reach server code (and with it the API key).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/kustomer/**',
                '**/server/**',
                '**/escalation/**',
                '**/sandbox/**',
                '**/cli/**',
                '**/platform/**',
              ],
              message: 'Browser code may import only src/shared, src/lib and its own folders.',
            },
          ],
        },
      ],
    },
  },
);
