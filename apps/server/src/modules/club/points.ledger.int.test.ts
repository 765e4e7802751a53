import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../test/club-factories.js';
import { createTestApp, type TestApp, testDriver } from '../../../test/harness.js';
import { AppError } from '../../platform/errors.js';
import { ClubRepository } from './club.repository.js';
import type { ClubLedgerRow } from './club.tables.js';
import { type Posting, SYSTEM_ACTOR } from './points.service.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const club = () => t.services.club;
const post = (posting: Posting) => t.db.transaction((tx) => club().points.post(tx, SYSTEM_ACTOR, posting));
const balanceOf = async (id: string) => (await new ClubRepository(t.db).member(id, null))?.balance;
const codeOf = (err: unknown) => (err instanceof AppError ? err.code : String(err));

/** A seeded PRNG (mulberry32): the same sequence on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe(`points ledger (${testDriver})`, () => {
  it('two redeems of the last points at once: one wins, the other gets 409, the balance stays at zero', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    await post({ memberId: m.id, kind: 'earn', points: 100, sourceType: 'test', sourceId: null, key: `seed:${m.id}` });
    const results = await Promise.allSettled([
      club().points.redeem(m.id, 100, { type: 'benefit', id: 'a' }, `redeem:a:${m.id}`),
      club().points.redeem(m.id, 100, { type: 'benefit', id: 'b' }, `redeem:b:${m.id}`),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(codeOf(refused.reason)).toBe('CLUB_POINTS_INSUFFICIENT');
    expect(await balanceOf(m.id)).toBe(0);
    expect(await club().points.sumOf(m.id)).toBe(0);
  });

  it('the same idempotency key twice awards once; a purchase earned twice for one ownership posts once', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const first = await club().points.earn(m.id, 'purchase', 'own-1');
    const second = await club().points.earn(m.id, 'purchase', 'own-1');
    expect(first?.duplicate).toBe(false);
    expect(second?.duplicate).toBe(true);
    expect(second?.entry.id).toBe(first?.entry.id);
    const both = await Promise.all([
      club().points.earn(m.id, 'lecture_attendance', 'lecture-9'),
      club().points.earn(m.id, 'lecture_attendance', 'lecture-9'),
    ]);
    expect(new Set(both.map((b) => b?.entry.id)).size).toBe(1);
    expect(await balanceOf(m.id)).toBe(2100);
  });

  it('negative, fractional or zero points are refused with a stable code and nothing is written', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    for (const points of [1.5, 0, Number.NaN]) {
      await expect(
        post({ memberId: m.id, kind: 'earn', points, sourceType: 'test', sourceId: null, key: `bad:${points}` }),
      ).rejects.toMatchObject({ code: 'CLUB_POINTS_INVALID' });
    }
    await expect(club().points.redeem(m.id, -5, { type: 'x', id: 'y' }, `neg:${m.id}`)).rejects.toMatchObject({
      code: 'CLUB_POINTS_INVALID',
    });
    expect(await club().points.sumOf(m.id)).toBe(0);
  });

  it('over ~200 random earn/redeem/expire/adjust/reverse steps the entries sum to the balance, never below zero', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const rand = prng(20261206);
    const amount = () => 1 + Math.floor(rand() * 500);
    const entries: ClubLedgerRow[] = [];
    let expected = 0;
    for (let step = 0; step < 200; step++) {
      const roll = rand();
      const key = `prop:${m.id}:${step}`;
      let posting: Posting;
      if (roll < 0.35)
        posting = { memberId: m.id, kind: 'earn', points: amount(), sourceType: 't', sourceId: null, key };
      else if (roll < 0.55)
        posting = { memberId: m.id, kind: 'redeem', points: -amount(), sourceType: 't', sourceId: null, key };
      else if (roll < 0.65)
        posting = { memberId: m.id, kind: 'expire', points: -amount(), sourceType: 't', sourceId: null, key };
      else if (roll < 0.8) {
        const signed = (rand() < 0.5 ? -1 : 1) * amount();
        posting = { memberId: m.id, kind: 'adjust', points: signed, sourceType: 't', sourceId: null, key };
      } else {
        const target = entries[Math.floor(rand() * entries.length)];
        if (!target) continue;
        posting = {
          memberId: m.id,
          kind: 'reverse',
          points: -target.points,
          sourceType: 'reversal',
          sourceId: String(target.id),
          key: `prop-reverse:${target.id}`,
          reverses: target,
        };
      }
      // a repeated key now and then: it must change nothing
      const repeat = rand() < 0.1 && entries.length > 0;
      try {
        const posted = await post(posting);
        if (!posted.duplicate) {
          entries.push(posted.entry);
          expected += posting.points;
        }
        if (repeat) expect((await post(posting)).duplicate).toBe(true);
      } catch (err) {
        const code = codeOf(err);
        if (code === 'CLUB_POINTS_INSUFFICIENT') expect(expected + posting.points).toBeLessThan(0);
        else if (code === 'CLUB_ENTRY_ALREADY_REVERSED') expect(posting.kind).toBe('reverse');
        else throw err;
      }
      const balance = await balanceOf(m.id);
      expect(balance).toBe(expected);
      expect(balance).toBeGreaterThanOrEqual(0);
      expect(await club().points.sumOf(m.id)).toBe(balance);
    }
    expect(entries.length).toBeGreaterThan(100);
  });
});
