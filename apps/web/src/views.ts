import { randomBytes } from 'node:crypto';

interface View {
  html: string;
  name: string;
  at: number;
}

/**
 * Generated pages (scorecards, dashboards) held in memory for a while so the page can show and
 * download them. Never written to disk; ids are unguessable; oldest evicted first.
 */
export class ViewStore {
  private map = new Map<string, View>();
  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  put(html: string, name: string): string {
    this.sweep();
    const id = randomBytes(16).toString('base64url');
    this.map.set(id, { html, name, at: Date.now() });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
    return id;
  }

  get(id: string): View | undefined {
    const v = this.map.get(id);
    if (!v || Date.now() - v.at > this.ttlMs) return undefined;
    return v;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.map) {
      if (now - v.at <= this.ttlMs) break; // insertion order = age order
      this.map.delete(k);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
