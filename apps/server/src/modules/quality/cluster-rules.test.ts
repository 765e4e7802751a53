import { describe, expect, it } from 'vitest';
import {
  formation,
  joins,
  DEFAULT_CLUSTER_RULE as rule,
  severityOf,
  signalWordsIn,
  similarity,
  type TicketSignal,
} from './cluster-rules.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 1);
let n = 0;
const ticket = (day: number, over: Partial<TicketSignal> = {}): TicketSignal => ({
  ticketId: `t${++n}`,
  household: `h${n}`,
  categories: ['cat:walls'],
  words: ['卧室', '墙面', '开裂'],
  signalWords: [],
  reportedAt: new Date(t0 + day * DAY),
  ...over,
});

describe('cluster rules', () => {
  it('similarity is the cosine of the word sets', () => {
    expect(similarity(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(similarity(['a', 'b', 'c', 'd'], ['a'])).toBe(0.5);
    expect(similarity([], ['a'])).toBe(0);
  });

  it('forms with N tickets from H households inside W days, in any order of arrival', () => {
    const earlier = [0, 1, 2, 3].map((d) => ticket(d));
    expect(formation(ticket(6), earlier, rule)?.length).toBe(5);
    // the newest arrived first: the one read last is earlier than the others
    const later = [1, 2, 3, 4].map((d) => ticket(d));
    expect(formation(ticket(0), later, rule)?.length).toBe(5);
    // a little over seven days from the first to the newest: the first falls out, four are left
    const spread = [ticket(0), ticket(7), ticket(7), ticket(7)];
    expect(formation(ticket(7.01), spread, rule)).toBeNull();
    expect(formation(ticket(6.99), spread, rule)?.length).toBe(5);
    expect(
      formation(
        ticket(8),
        [0, 1, 2, 3].map((d) => ticket(d)),
        rule,
      ),
    ).toBeNull();
  });

  it('needs H distinct households', () => {
    const same = [0, 1, 2, 3].map((d) => ticket(d, { household: 'h-same' }));
    expect(formation(ticket(4, { household: 'h-other' }), same, rule)).toBeNull();
  });

  it('a category of "other" says nothing; words still match', () => {
    const others = [0, 1, 2, 3].map((d) => ticket(d, { categories: ['cat:other'], words: ['电梯', '停运'] }));
    expect(formation(ticket(4, { categories: ['cat:other'], words: ['厨房', '漏水'] }), others, rule)).toBeNull();
  });

  it('severity: 1 formed; 2 at 2N, a signal word or a double category; 3 at 3N or signal with double', () => {
    const five = [0, 1, 2, 3, 4].map((d) => ticket(d));
    expect(severityOf(five, rule)).toBe(1);
    expect(severityOf([...five, ...five], rule)).toBe(2);
    expect(severityOf([...five, ...five, ...five], rule)).toBe(3);
    expect(severityOf([...five, ticket(5, { signalWords: ['媒体'] })], rule)).toBe(2);
    expect(severityOf([...five, ticket(5, { categories: ['cat:leak'] })], rule)).toBe(2);
    expect(
      severityOf([...five, ticket(5, { categories: ['cause:delivery_delay'], signalWords: ['维权'] })], rule),
    ).toBe(3);
  });

  it('a later ticket joins while within W days of the latest member', () => {
    const members = [ticket(0), ticket(3)];
    expect(joins(ticket(10), members, new Date(t0 + 3 * DAY), rule)).toBe(true);
    expect(joins(ticket(10.5), members, new Date(t0 + 3 * DAY), rule)).toBe(false);
  });

  it('finds the signal words a text carries', () => {
    expect(signalWordsIn('业主群里说要拉横幅', rule.signalWords)).toEqual(['横幅', '业主群', '拉横幅']);
  });
});
