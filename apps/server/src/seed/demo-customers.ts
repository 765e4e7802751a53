import { randomUUID } from 'node:crypto';
import {
  customerConsents,
  customerPhones,
  customerScopes,
  customers,
  customerTimeline,
  familyLinks,
  ownerships,
  referrals,
} from '../modules/customers/customer.tables.js';
import { maskIdNumber, nameKeys, residentIdCheckChar } from '../modules/customers/customer.validation.js';
import type { OrgUnitRow } from '../modules/org/org.tables.js';
import { chinaDate } from '../platform/china-time.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';
import type { FieldCrypto } from '../platform/field-crypto.js';
import type { DemoUnit } from './demo-property.js';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '文',
  '华',
  '建国',
  '晓东',
  '玉兰',
  '海燕',
  '志强',
  '雪梅',
  '子涵',
  '浩然',
  '欣怡',
  '思远',
];
const AREA_CODES: Record<string, string> = { SH: '310104', HZ: '330106', CQ: '500112' };

/** A date string `days` after the date `from` (yyyy-mm-dd). */
const shift = (from: string, days: number) => new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);

const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length] as T;
const chunks = <T>(xs: T[], size = 500) =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

function idNumber(area: string, n: number) {
  const birth = `${1965 + (n % 35)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}`;
  const body = `${area}${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/**
 * Owners for about a third of the sold and delivered homes (with phones, encrypted ID numbers, consent and a
 * spouse for some), referrals between owners, and prospects registered at the sales offices.
 */
export async function seedDemoCustomers(
  db: Executor,
  clock: Clock,
  crypto: FieldCrypto,
  projectNodes: Map<string, OrgUnitRow>,
  demoUnits: DemoUnit[],
) {
  const now = clock.now();
  const byProject = new Map([...projectNodes.values()].map((p) => [p.id, p]));
  const people: (typeof customers.$inferInsert)[] = [];
  const phones: (typeof customerPhones.$inferInsert)[] = [];
  const scopes: (typeof customerScopes.$inferInsert)[] = [];
  const owned: (typeof ownerships.$inferInsert)[] = [];
  const family: (typeof familyLinks.$inferInsert)[] = [];
  const refs: (typeof referrals.$inferInsert)[] = [];
  const consents: (typeof customerConsents.$inferInsert)[] = [];
  const timeline: (typeof customerTimeline.$inferInsert)[] = [];
  let n = 0;
  const person = (project: OrgUnitRow, kinds: string[], withId: boolean) => {
    n++;
    const name = pick(SURNAMES, n * 7) + pick(GIVEN, n * 13);
    const keys = nameKeys(name);
    const id = randomUUID();
    const idNo = withId ? idNumber(AREA_CODES[project.code.slice(0, 2)] ?? '110105', n) : null;
    people.push({
      id,
      name,
      nameInitials: keys.initials,
      namePinyin: keys.pinyin,
      gender: n % 2 ? 'male' : 'female',
      idType: idNo ? 'resident_id' : null,
      idNumberEnc: idNo ? crypto.encrypt(idNo) : null,
      idNumberHash: idNo ? crypto.lookupHash(idNo) : null,
      idNumberMasked: idNo ? maskIdNumber(idNo) : null,
      sourceChannel: kinds.includes('prospect') ? pick(['walk_in', 'online', 'event', 'referral'], n) : 'import',
      declaredKinds: kinds.filter((k) => k === 'prospect'),
      kinds,
      tags: n % 9 === 0 ? ['VIP'] : [],
      createdAt: now,
      updatedAt: now,
    });
    const phone = `1${pick(['38', '39', '50', '58', '86', '88'], n)}${String(10_000_000 + n * 7_919).slice(-8)}`;
    phones.push({ customerId: id, phone, last4: phone.slice(-4), isPrimary: true });
    consents.push({ customerId: id, channel: 'sms', granted: n % 10 < 7, at: now, source: '认购书勾选' });
    timeline.push({
      customerId: id,
      at: now,
      kind: 'created',
      title: `登记客户 ${name}`,
      data: { code: 'customer.created', name },
      orgPath: project.path,
    });
    return id;
  };
  const homes = demoUnits.filter((u, i) => u.status !== 'unsold' && i % 3 === 0);
  const owners: { id: string; project: OrgUnitRow }[] = [];
  for (const unit of homes) {
    const project = byProject.get(unit.projectId);
    if (!project) continue;
    const delivered = unit.status === 'delivered' || unit.status === 'moved_in';
    const owner = person(project, [delivered ? 'owner' : 'buyer'], n % 3 !== 0);
    const ownershipId = randomUUID();
    owned.push({
      id: ownershipId,
      customerId: owner,
      unitId: unit.id,
      // Bought about two years before the handover (or a year ago, for homes still being built), moved in
      // six weeks after it.
      contractDate: unit.deliveredOn ? shift(unit.deliveredOn, -700) : shift(chinaDate(now), -365),
      deliveryDate: unit.deliveredOn,
      moveInDate: unit.status === 'moved_in' && unit.deliveredOn ? shift(unit.deliveredOn, 45) : null,
      sharePercent: 100,
    });
    scopes.push({ customerId: owner, orgPath: project.path, relation: 'ownership', refId: ownershipId });
    timeline.push({
      customerId: owner,
      at: now,
      kind: 'ownership',
      title: `房产 ${project.name} ${unit.code}`,
      data: { code: 'ownership.added', project: project.name, unit: unit.code },
      orgPath: project.path,
      refType: 'unit',
      refId: unit.id,
    });
    owners.push({ id: owner, project });
    if (n % 4 === 0) {
      const spouse = person(project, ['family'], false);
      family.push({ ownerId: owner, memberId: spouse, unitId: unit.id, relation: 'spouse', consentSource: '业主登记' });
      scopes.push({ customerId: spouse, orgPath: project.path, relation: 'ownership', refId: ownershipId });
    }
  }
  for (const [i, o] of owners.entries()) {
    if (i % 10 !== 3) continue;
    const friend = owners[(i + 37) % owners.length];
    if (friend && friend.id !== o.id) {
      refs.push({
        referrerId: o.id,
        referredId: friend.id,
        projectId: friend.project.id,
        outcome: 'bought',
        outcomeAt: now,
        createdAt: now,
      });
      scopes.push({ customerId: friend.id, orgPath: friend.project.path, relation: 'referral', refId: o.id });
    }
  }
  for (const project of projectNodes.values()) {
    for (let i = 0; i < 25; i++) {
      const prospect = person(project, ['prospect'], false);
      scopes.push({ customerId: prospect, orgPath: project.path, relation: 'registered', refId: project.id });
      const referrer = owners[(n * 11) % Math.max(1, owners.length)];
      if (i % 5 === 0 && referrer) {
        refs.push({
          referrerId: referrer.id,
          referredId: prospect,
          projectId: project.id,
          outcome: 'visited',
          createdAt: now,
        });
      }
    }
  }
  for (const rows of chunks(people)) await db.insert(customers).values(rows);
  for (const rows of chunks(phones)) await db.insert(customerPhones).values(rows);
  for (const rows of chunks(owned)) await db.insert(ownerships).values(rows);
  for (const rows of chunks(family)) await db.insert(familyLinks).values(rows);
  for (const rows of chunks(refs)) await db.insert(referrals).values(rows).onConflictDoNothing();
  for (const rows of chunks(scopes)) await db.insert(customerScopes).values(rows).onConflictDoNothing();
  for (const rows of chunks(consents)) await db.insert(customerConsents).values(rows);
  for (const rows of chunks(timeline)) await db.insert(customerTimeline).values(rows);
  return { customers: people.length, ownerships: owned.length, referrals: refs.length };
}
