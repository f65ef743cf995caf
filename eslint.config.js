import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'public/data/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // src/core must stay free of DOM, MapLibre and worker APIs (DEVELOPERS.md, layout).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['maplibre-gl', 'comlink', '../ui/*', '../compute/*', '**/workers/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'postMessage', 'localStorage', 'indexedDB'],
    },
  },
);
