import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Imports that only the compute facade and the workers may make (STYLE.md §6). */
const COMLINK = { name: 'comlink', message: 'Only src/compute/ and workers/ talk to workers: use the compute facade (src/compute/facade.ts).' };
const WORKERS = { group: ['**/workers/**', '../workers/*', '../../workers/*'], message: 'The app reaches workers through src/compute/facade.ts only.' };

/**
 * HTML sinks: untrusted text (names from files, links, boundaries) must reach the page as text,
 * so the DOM is built with h()/svg() and textContent (src/ui/dom.ts), never parsed from strings.
 */
const HTML_SINKS = [
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'No innerHTML/outerHTML: build the DOM with h()/svg() (src/ui/dom.ts) and textContent.' },
  { selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]', message: 'No HTML parsing from strings: build the DOM with h()/svg() (src/ui/dom.ts).' },
  { selector: 'CallExpression[callee.object.name="document"][callee.property.name=/^(write|writeln)$/]', message: 'No document.write: build the DOM with h()/svg() (src/ui/dom.ts).' },
  { selector: 'NewExpression[callee.name="DOMParser"]', message: 'No HTML parsing from strings: build the DOM with h()/svg() (src/ui/dom.ts).' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'public/data/', 'coverage/', 'bench/out/', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A promise nobody awaits loses its errors: await it, return it, or mark it `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // One idea per module (STYLE.md §1); the kernel is the justified exception (it says why).
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // src/core stays free of DOM, MapLibre, workers and app modules, however deep the file.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['maplibre-gl', COMLINK],
        patterns: [{ group: ['**/ui/**', '**/app/**', '**/compute/**', '**/state/**', '**/cli/**', '**/i18n/**', '**/workers/**'], message: 'src/core is pure: no DOM, UI, app, worker, CLI or dictionary imports.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'postMessage', 'localStorage', 'indexedDB'],
    },
  },
  {
    files: ['src/app/**/*.ts', 'src/ui/**/*.ts', 'src/main.ts', 'src/state/**/*.ts', 'src/i18n/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [COMLINK], patterns: [WORKERS] }] },
  },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...HTML_SINKS] },
  },
  {
    files: ['src/app/**/*.ts', 'src/ui/**/*.ts', 'src/main.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // No module-level mutable state outside the store (src/app/store.ts).
      'no-restricted-syntax': ['error', ...HTML_SINKS, { selector: 'Program > VariableDeclaration[kind="let"]', message: 'No module-level `let` in the app: state lives in the store.' }, { selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind="let"]', message: 'No module-level `let` in the app: state lives in the store.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'data/**/*.ts', 'tests/**/*.ts', 'src/i18n/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [COMLINK] }] },
  },
  {
    // Dictionaries and fixtures are data, not logic.
    files: ['src/i18n/*.ts', '**/*.test.ts', 'tests/**/*.ts'],
    rules: { 'max-lines': 'off' },
  },
);
