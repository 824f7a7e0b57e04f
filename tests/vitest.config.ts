import { defineProject } from 'vitest/config';
import { alias } from '../vitest.shared';

export default defineProject({
  resolve: { alias },
  test: { name: 'e2e', include: ['**/*.test.ts'], exclude: ['node_modules/**'], testTimeout: 120000, hookTimeout: 120000 },
});
