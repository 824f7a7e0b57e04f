// Tests import workspace packages from source, so a test run never depends on a stale dist.
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const alias = {
  '@fazhi/core': r('./packages/core/src/index.ts'),
  '@fazhi/reader': r('./packages/reader/src/index.ts'),
  '@fazhi/extract': r('./packages/extract/src/index.ts'),
  '@fazhi/scorer': r('./packages/scorer/src/index.ts'),
  '@fazhi/renderer': r('./apps/renderer/src/index.ts'),
  '@fazhi/web': r('./apps/web/src/index.ts'),
};
