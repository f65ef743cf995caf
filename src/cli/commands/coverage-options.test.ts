/**
 * The option checks of `phusong coverage` (coverage.ts `run`) that refuse before any file is
 * read: expected values are the contract's messages (issue 16: `--gap-min-area -1` was
 * accepted). The scenario path does not exist: the refusal must come first.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => void (stderr += t) });
  return { code, stderr };
}

describe('coverage options', () => {
  it('--gap-min-area below 0 is a usage error naming the option, before the scenario is read', async () => {
    const r = await run(['coverage', '--scenario', '/nonexistent/s.json', '--gap-min-area', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phusong: coverage: --gap-min-area must be an area in km² ≥ 0, got "-1"\n');
  });
  it('0 is accepted (the check passes; the missing scenario is what fails next)', async () => {
    const r = await run(['coverage', '--scenario', '/nonexistent/s.json', '--gap-min-area', '0', '--boundary', '/nonexistent/b.geojson']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\/nonexistent\/b\.geojson: cannot read the boundary file/);
  });
});
