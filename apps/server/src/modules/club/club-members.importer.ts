import { normalisePhone } from '@anju/contracts';
import type { MemberClass } from '@anju/contracts/club';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { parseCode, rowReasons } from '../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../platform/imports/importer.js';
import type { CustomersModule } from '../customers/customers.module.js';
import { classOfKinds } from './club-rules.js';
import type { ClubMemberService } from './member.service.js';

const CLASS_WORDS: Record<MemberClass, string[]> = {
  owner_family: ['业主', '业主及家属', '业主家属', '家属', 'owner'],
  buyer: ['购房客户', '签约客户', '买房客户', 'buyer'],
  employee: ['员工', '公司员工', 'employee'],
  public: ['社会人士', '意向客户', '公众', 'public'],
};

export type ClubMemberImportRow = {
  /** A mainland mobile, or a resident ID number: how the customer is found (the customers' search box). */
  lookup: string;
  name: string | null;
  class: MemberClass | null;
  cardNo: string | null;
};

/** A card number carried over from an earlier system: 4–20 letters, digits or dashes, kept in upper case. */
const CARD = /^[A-Z0-9][A-Z0-9-]{3,19}$/;

export function checkClubMemberRow(v: Record<string, string>, lang: Language): RowCheck<ClubMemberImportRow> {
  const { reasons, say } = rowReasons(lang);
  const phone = v.phone ? normalisePhone(v.phone) : '';
  const idNumber = (v.idNumber ?? '').normalize('NFKC').trim().toUpperCase();
  if (phone && !/^1[3-9]\d{9}$/.test(phone)) say('手机号应为 11 位大陆手机号', 'mobile: 11 digits starting 13–19');
  if (idNumber && !/^\d{15}$|^\d{17}[\dX]$/.test(idNumber)) say('证件号码应为身份证号', 'ID number: a resident ID');
  if (!phone && !idNumber) say('手机号或证件号码至少填一项', 'a mobile or an ID number is required');
  const cls = v.class ? parseCode(v.class, CLASS_WORDS) : null;
  if (cls === undefined)
    say('会员类别应为 业主、购房客户、员工 或 社会人士', 'class: owner, buyer, employee or public');
  const cardNo = (v.cardNo ?? '').normalize('NFKC').trim().toUpperCase();
  if (cardNo && !CARD.test(cardNo))
    say('会员卡号应为 4–20 位字母、数字或短横线', 'card number: 4–20 letters, digits, dashes');
  const name = (v.name ?? '').trim() || null;
  if (reasons.length || cls === undefined) return { ok: false, reasons };
  const lookup = idNumber || phone;
  return { ok: true, key: lookup, value: { lookup, name, class: cls, cardNo: cardNo || null } };
}

type Deps = { customers: CustomersModule; members: ClubMemberService };

/**
 * Enrols the customer the row names (by ID number, else mobile, among the customers the importer sees; a name given
 * must match), with the row's class (else derived from the customer's kinds) and card number (else a new one). A
 * customer already in the club is left as they are (`updated`), so an import run again enrols nobody twice.
 */
async function applyClubMemberRow(tx: Tx, ctx: RequestContext, row: ClubMemberImportRow, deps: Deps) {
  const found = await deps.customers.customers.search(ctx, row.lookup, 3, tx);
  if (found.length === 0) throw rowRefused(`找不到客户「${row.lookup}」`, `no customer found for ${row.lookup}`);
  if (found.length > 1) throw rowRefused(`「${row.lookup}」对应多位客户，请填证件号码`, 'several customers match');
  const customer = found[0] as (typeof found)[number];
  if (row.name && customer.name !== row.name) {
    throw rowRefused(`客户姓名为「${customer.name}」，与「${row.name}」不符`, 'the name does not match the customer');
  }
  const cls = row.class ?? classOfKinds(customer.kinds);
  try {
    const done = await deps.members.createIn(tx, ctx, {
      customerId: customer.id,
      cls,
      channel: 'import',
      fallback: ctx.principal.orgUnitId,
      cardNo: row.cardNo,
    });
    return done.created ? ('imported' as const) : ('updated' as const);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CLUB_CARD_TAKEN') {
      throw rowRefused(`会员卡号「${row.cardNo}」已被使用`, 'the card number is already in use');
    }
    throw err;
  }
}

export const CLUB_MEMBER_COLUMNS = [
  { key: 'phone', zh: '手机号', en: 'Mobile', aliases: ['手机', '电话'], example: '13812345678' },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', aliases: ['身份证号'], example: '' },
  { key: 'name', zh: '姓名', en: 'Name', example: '张三' },
  { key: 'class', zh: '会员类别', en: 'Class', example: '业主' },
  { key: 'cardNo', zh: '会员卡号', en: 'Card number', aliases: ['卡号'], example: '' },
];

/** Bulk enrolment (kind `club_members`, `club.manage`): one customer per row. */
export function clubMembersImporter(deps: Deps): Importer<ClubMemberImportRow> {
  return {
    kind: 'club_members',
    permission: 'club.manage',
    sheetName: '会员名单',
    columns: CLUB_MEMBER_COLUMNS,
    check: checkClubMemberRow,
    apply: (tx, ctx, row) => applyClubMemberRow(tx, ctx, row, deps),
    lockKeys: (row) => [`club-member:${row.lookup}`, ...(row.cardNo ? [`club-card:${row.cardNo}`] : [])],
  };
}
