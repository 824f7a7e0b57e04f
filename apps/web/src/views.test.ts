import { describe, expect, it, vi } from 'vitest';
import { ViewStore } from './views.js';

describe('ViewStore (generated pages kept in memory only)', () => {
  it('evicts the oldest beyond its size and forgets pages after the TTL', () => {
    vi.useFakeTimers();
    try {
      const s = new ViewStore(2, 1000);
      const a = s.put('<p>a</p>', 'a');
      const b = s.put('<p>b</p>', 'b');
      expect(a).not.toBe(b);
      expect(a).toMatch(/^[A-Za-z0-9_-]{20,}$/); // unguessable, URL-safe
      const c = s.put('<p>c</p>', 'c');
      expect(s.get(a)).toBeUndefined();
      expect(s.get(b)?.html).toBe('<p>b</p>');
      vi.advanceTimersByTime(1001);
      expect(s.get(c)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
