import { performance } from 'node:perf_hooks';
import type { Principal, SessionGrant } from './principal.js';

export type CachedSession = { session: SessionGrant['session']; principal: Principal };

/**
 * Principals of live sessions, kept for `ttlMs` of real time so most requests need no database read to know who
 * calls (decisions.md §18). Every write that ends a session or changes what a principal may do forgets entries in
 * this process; other processes see the change when their entries run out. A load that raced with a forget is not
 * stored: `generation` moves on every forget, and `set` takes the generation read before the load.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, CachedSession & { until: number }>();
  generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(sessionId: string): CachedSession | null {
    const hit = this.entries.get(sessionId);
    if (!hit) return null;
    if (performance.now() < hit.until) return hit;
    this.entries.delete(sessionId);
    return null;
  }

  set(sessionId: string, value: CachedSession, generation: number) {
    if (this.ttlMs <= 0 || generation !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sessionId, { ...value, until: performance.now() + this.ttlMs });
  }

  forget(sessionId: string) {
    this.generation++;
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string) {
    this.generation++;
    for (const [id, e] of this.entries) if (e.session.userId === userId) this.entries.delete(id);
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }
}
