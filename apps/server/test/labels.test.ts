import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  AUDIT_ACTIONS,
  COMPLAINT_CAUSES,
  MY_REQUEST_EVENT_KINDS,
  NOTIFICATION_KINDS,
  OUTBOX_TEMPLATES,
  ROOMS,
  ROOT_CAUSES,
  SLA_NODES,
  TICKET_EVENT_CODES,
  TICKET_EVENT_KINDS,
  TIMELINE_CODES,
  TIMELINE_KINDS,
} from '@anju/contracts';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';

/**
 * Every code the server writes where a person reads words has a label in both languages: the walk below goes over
 * the typed lists in contracts (the server's writes are typed by them) and looks each one up in the console's and
 * the portal's dictionaries. A code added without its words fails here.
 */
type Dict = Record<string, unknown>;

const load = async (app: 'console' | 'portal', file: string, name: string): Promise<Dict> => {
  const path = fileURLToPath(new URL(`../../${app}/src/i18n/${file}.ts`, import.meta.url));
  return (await import(pathToFileURL(path).href))[name] as Dict;
};

/** The console's Chinese words for any page: the first-screen set and what every page loads with it. */
const consoleZh = async (): Promise<Dict> => ({
  ...(await load('console', 'zh-CN', 'zhCN')),
  ...(await load('console', 'zh-CN.customers', 'zhCNCustomers')),
  ...(await load('console', 'zh-CN.service', 'zhCNService')),
  ...(await load('console', 'zh-CN.intake', 'zhCNIntake')),
});

/** The message at a dotted key (a dot is a level, as i18next reads it), or undefined. */
const at = (dict: Dict, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Dict | undefined)?.[part], dict);
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

/** Keys of `prefix.<code>` missing (or not a non-empty string) in either language, and placeholder mismatches. */
function problems(zh: Dict, en: Dict, prefix: string, codes: readonly string[]) {
  const out: string[] = [];
  for (const code of codes) {
    const key = `${prefix}.${code}`;
    const [z, e] = [at(zh, key), at(en, key)];
    if (typeof z !== 'string' || !z.trim()) out.push(`zh-CN ${key}`);
    if (typeof e !== 'string' || !e.trim()) out.push(`en-US ${key}`);
    if (typeof z === 'string' && typeof e === 'string' && placeholders(z).join() !== placeholders(e).join()) {
      out.push(`${key}: {{…}} differ`);
    }
  }
  return out;
}

describe('labels of server codes', () => {
  it('console: every event kind and code, timeline code, notice, outbox template and audit action', async () => {
    // outbox templates and audit actions load with their pages, from their own files
    const zhOps = await load('console', 'zh-CN.operations', 'zhCNOperations');
    const enOps = await load('console', 'en-US.operations', 'enUSOperations');
    const zhMain = await consoleZh();
    const enMain = await load('console', 'en-US', 'enUS');
    expect([
      ...problems(zhMain, enMain, 'tickets.events', TICKET_EVENT_KINDS),
      ...problems(zhMain, enMain, 'codes.eventText', TICKET_EVENT_CODES),
      ...problems(zhMain, enMain, 'codes.timeline', TIMELINE_CODES),
      ...problems(zhMain, enMain, 'customers.timelineKinds', TIMELINE_KINDS),
      ...problems(zhMain, enMain, 'codes.notification', NOTIFICATION_KINDS),
      ...problems(zhOps, enOps, 'codes.template', OUTBOX_TEMPLATES),
      ...problems(zhOps, enOps, 'codes.audit', AUDIT_ACTIONS),
      // parameters that are codes themselves
      ...problems(zhMain, enMain, 'enums.slaNode', SLA_NODES),
      ...problems(zhMain, enMain, 'enums.consentChannel', ['sms', 'email', 'wechat']),
      ...problems(zhMain, enMain, 'customers.relations', ['spouse', 'child', 'parent', 'sibling', 'other']),
      ...problems(zhMain, enMain, 'tickets.rooms', ROOMS),
    ]).toEqual([]);
  });

  it('console: the KPI data lists — root causes, complaint causes (their bundle loads with the ticket pages)', async () => {
    const zhMain = await consoleZh();
    const enMain = await load('console', 'en-US', 'enUS');
    const zhKpi = await load('console', 'zh-CN.kpiData', 'zhCNKpiData');
    const enKpi = await load('console', 'en-US.kpiData', 'enUSKpiData');
    expect([
      ...problems(zhMain, enMain, 'tickets.rootCauses', ROOT_CAUSES),
      ...problems(zhKpi, enKpi, 'kpiData.causes', COMPLAINT_CAUSES),
    ]).toEqual([]);
    expect(at(zhMain, 'tickets.rootCauses.workmanship')).toBe('工艺安装');
  });

  it('portal: every request event kind, room and the rating link page', async () => {
    const zh = await load('portal', 'zh-CN', 'zhCN');
    const en = await load('portal', 'en-US', 'enUS');
    expect([
      ...problems(zh, en, 'enums.eventKind', MY_REQUEST_EVENT_KINDS),
      ...problems(zh, en, 'enums.room', ROOMS),
      ...problems(zh, en, 'rate', ['title', 'invalid', 'invalidHint', 'doneHint']),
      ...problems(zh, en, 'request', ['eventScore']),
    ]).toEqual([]);
  });

  it('finds a missing label (the walk itself works)', () => {
    const zh = { codes: { audit: { ticket: { create: '受理工单' } } } };
    const en = { codes: { audit: { ticket: {} } } };
    expect(problems(zh, en, 'codes.audit', ['ticket.create'])).toEqual(['en-US codes.audit.ticket.create']);
  });

  it('renders a code with its parameters in each language (i18next reads the dotted codes as levels)', async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: {
        'zh-CN': { translation: await consoleZh() },
        'en-US': { translation: await load('console', 'en-US', 'enUS') },
      },
      lng: 'en-US',
      interpolation: { escapeValue: false },
    });
    // as the audit page does: its words join the bundle when it loads
    i18n.addResourceBundle('en-US', 'translation', await load('console', 'en-US.operations', 'enUSOperations'), true);
    const params = { code: 'work_order.done', seq: 2, workOrderId: 'x', action: 'done' };
    expect(i18n.t('codes.eventText.work_order.done', params)).toBe('#2 done');
    expect(i18n.t('codes.notification.ticket.rated', { number: 'BX1', score: 2 })).toBe(
      'Ticket BX1 rated 2 of 5 by the owner',
    );
    expect(i18n.t('codes.audit.sla.policy.upsert')).toBe('SLA rule set');
    expect(i18n.t('codes.eventText.work_order.done', { ...params, lng: 'zh-CN' })).toBe('#2 已完工');
  });

  it('uses one word for on-site inspection in Chinese', async () => {
    const zh = await consoleZh();
    const words = [
      at(zh, 'tickets.events.inspect'),
      at(zh, 'tickets.actions.inspect'),
      at(zh, 'enums.slaNode.inspection'),
    ];
    expect(words).toEqual(['现场查验', '现场查验', '现场查验']);
    expect(at(zh, 'customers.email')).toBe('电子邮箱');
  });
});
