/**
 * End-to-end journeys in real chromium, each on a page of its own (so one failure does not
 * cascade). `npm run test:e2e` runs them all against the dev server; `npm run test:e2e:build`
 * runs them all against `vite preview` of the production build (`npm run build` first), which
 * is what `npm test` does; `npm run test:e2e:start` (`--smoke`) runs the journeys marked
 * `smoke` against the dev server that `npm start` serves. `-- --only <text>` runs the journeys
 * whose name contains the text.
 */
import { launchBrowser, runJourneys, startDevServer, startPreviewServer, type Journey } from './harness.ts';
import { loadJourneys } from './load.ts';
import { coverageJourneys } from './coverage.ts';
import { communeJourneys } from './communes.ts';
import { privateNetworkJourneys } from './private-networks.ts';
import { plannerJourneys } from './planner.ts';
import { languageJourneys } from './language.ts';
import { consistencyJourneys } from './consistency.ts';
import { badDataJourneys } from './bad-data.ts';
import { planningJourneys } from './planning.ts';
import { groundJourneys } from './ground.ts';
import { terrainJourneys } from './terrain.ts';
import { hardeningJourneys } from './hardening.ts';
import { layoutJourneys } from './layout.ts';
import { measurementJourneys } from './measurements.ts';

const ALL: readonly Journey[] = [...loadJourneys, ...coverageJourneys, ...consistencyJourneys, ...communeJourneys, ...privateNetworkJourneys, ...plannerJourneys, ...languageJourneys, ...badDataJourneys, ...groundJourneys, ...terrainJourneys, ...hardeningJourneys, ...layoutJourneys, ...planningJourneys, ...measurementJourneys];

const argv = process.argv.slice(2);
const build = argv.includes('--build');
const smoke = argv.includes('--smoke');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
const selected = ALL.filter((j) => (!smoke || j.smoke) && (!only || j.name.includes(only)));
if (selected.length === 0) {
  console.error(`e2e: no journey matches${only ? ` "${only}"` : ''}`);
  process.exit(2);
}
const served = build ? await startPreviewServer() : await startDevServer();
const browser = await launchBrowser();
const failed = await runJourneys({ context: browser.context, url: served.url, build }, selected).finally(async () => {
  await browser.close();
  await served.close();
});
process.exit(failed ? 1 : 0);
