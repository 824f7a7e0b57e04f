import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias },
  test: { name: 'scorer', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30000 },
});
