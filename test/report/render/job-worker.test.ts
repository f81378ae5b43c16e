/**
 * startJobWorker (src/report/render/job-worker.ts) from the TypeScript sources: a worker cannot
 * load a .ts file, so it declines (null) and the PNG and chart callers draw in this thread. The
 * compiled workers themselves are exercised through dist/ in test/cli/build.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { startJobWorker } from '../../../src/report/render/job-worker.ts';
import { renderPngAsync, renderPng } from '../../../src/report/render/png.ts';

describe('job worker', () => {
  it('declines to start from the sources; PNGs are then drawn in-thread with the same bytes', async () => {
    expect(startJobWorker(new URL('../../../src/report/render/png-worker.ts', import.meta.url), { name: 'x', failure: 'x', decode: () => undefined })).toBeNull();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#3366cc"/></svg>';
    expect(Buffer.from(await renderPngAsync(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
  });
});
