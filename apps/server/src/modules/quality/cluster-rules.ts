/**
 * The cluster rule as pure functions (docs/quality.md): which tickets match, when a cluster forms, its severity.
 * The detector (cluster-detector.ts) reads and writes; everything it decides is decided here.
 */

export type ClusterRule = {
  windowDays: number;
  minTickets: number;
  minHouseholds: number;
  /** Cosine similarity of two tickets' word sets (0–1) from which they are about the same problem. */
  similarity: number;
  /** Categories (`leak`, defect category or complaint cause codes) that raise a cluster to severity 2. */
  doubleCategories: string[];
  signalWords: string[];
  /** The group's board shows clusters from this severity; the group CR centre is warned at level 3 regardless. */
  groupLevel: number;
};

export const DEFAULT_CLUSTER_RULE: ClusterRule = {
  windowDays: 7,
  minTickets: 5,
  minHouseholds: 4,
  similarity: 0.3,
  doubleCategories: ['leak', 'crack', 'delivery_delay'],
  signalWords: ['媒体', '记者', '律师', '起诉', '维权', '集体', '横幅', '12345', '业主群', '曝光', '投诉到', '拉横幅'],
  groupLevel: 3,
};

/** What the detector knows of a ticket (its read model row). */
export type TicketSignal = {
  ticketId: string;
  household: string;
  categories: string[];
  words: string[];
  signalWords: string[];
  reportedAt: Date;
};

const DAY = 86_400_000;

/** `cat:leak` → `leak`: categories are stored with their kind, rules name the bare code. */
export const bareCategory = (c: string) => c.slice(c.indexOf(':') + 1);

/** Cosine similarity of two word sets. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const w of new Set(b)) if (set.has(w)) shared++;
  return shared / Math.sqrt(set.size * new Set(b).size);
}

/** The signal words a text carries, as the rule spells them. */
export const signalWordsIn = (text: string, words: readonly string[]) => words.filter((w) => w && text.includes(w));

/**
 * Two tickets are about the same problem when they share a category (a defect category or complaint cause; `other`
 * says nothing) or their words are similar enough.
 */
export function matches(
  a: Pick<TicketSignal, 'categories' | 'words'>,
  b: Pick<TicketSignal, 'categories' | 'words'>,
  rule: ClusterRule,
) {
  const cats = new Set(a.categories.filter((c) => !c.endsWith(':other')));
  if (b.categories.some((c) => cats.has(c))) return true;
  return similarity(a.words, b.words) >= rule.similarity;
}

/** A ticket joins a cluster when it matches any member and comes within W days of the cluster's latest ticket. */
export function joins(t: TicketSignal, members: readonly TicketSignal[], lastAt: Date, rule: ClusterRule) {
  if (t.reportedAt.getTime() - lastAt.getTime() > rule.windowDays * DAY) return false;
  return members.some((m) => matches(t, m, rule));
}

const households = (ts: readonly TicketSignal[]) => new Set(ts.map((t) => t.household)).size;

/**
 * The group a new ticket forms, if any: the ticket with the scope's tickets that match it, inside some window of W
 * days that holds the ticket, with at least N tickets from at least H households (the fullest such window wins).
 * Candidates are the scope's unclustered active tickets within W days either side of it (the caller reads no more):
 * tickets are read in the order their events are delivered, which is not always the order they were reported.
 */
export function formation(
  t: TicketSignal,
  candidates: readonly TicketSignal[],
  rule: ClusterRule,
): TicketSignal[] | null {
  const w = rule.windowDays * DAY;
  const at = t.reportedAt.getTime();
  const near = candidates.filter(
    (c) => c.ticketId !== t.ticketId && Math.abs(c.reportedAt.getTime() - at) <= w && matches(t, c, rule),
  );
  const sorted = [...near, t].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  let best: TicketSignal[] | null = null;
  for (const start of sorted) {
    const from = start.reportedAt.getTime();
    if (from > at) break;
    if (at - from > w) continue;
    const inside = sorted.filter((s) => s.reportedAt.getTime() >= from && s.reportedAt.getTime() <= from + w);
    if (
      inside.length >= rule.minTickets &&
      households(inside) >= rule.minHouseholds &&
      inside.length > (best?.length ?? 0)
    ) {
      best = inside;
    }
  }
  return best;
}

/**
 * Severity 1–3: 1 when formed; 2 at 2 × N tickets, or with a signal word, or a category that counts double; 3 at
 * 3 × N, or a signal word together with a double-counting category.
 */
export function severityOf(members: readonly TicketSignal[], rule: ClusterRule): 1 | 2 | 3 {
  const n = members.length;
  const signal = members.some((m) => m.signalWords.length > 0);
  const doubles = new Set(rule.doubleCategories);
  const double = members.some((m) => m.categories.some((c) => doubles.has(bareCategory(c))));
  if (n >= 3 * rule.minTickets || (signal && double)) return 3;
  if (n >= 2 * rule.minTickets || signal || double) return 2;
  return 1;
}

/** The cluster's categories, most common first. */
export function categoriesOf(members: readonly TicketSignal[]): string[] {
  const count = new Map<string, number>();
  for (const m of members) for (const c of m.categories) count.set(c, (count.get(c) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

export const householdCount = households;
