#!/usr/bin/env node
/**
 * `npx phusong …` / `node bin/phusong.mjs …`: loads the TypeScript command line (src/cli/main.ts)
 * through tsx's programmatic API, so no build step is needed. See README.md.
 */
import { tsImport } from 'tsx/esm/api';

// `npx phusong … | head` closes stdout early: end quietly instead of crashing on EPIPE.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`phusong: cannot write to stdout (${err && err.message})\n`);
  process.exit(1);
});

try {
  const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Only a broken install gets here (main() itself never throws): one line, no stack trace.
  process.stderr.write(`phusong: cannot start (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); run npm ci in the project folder\n`);
  process.exitCode = 1;
}
