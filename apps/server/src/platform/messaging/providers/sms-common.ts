import type { SmsTemplates } from '../../config.js';
import type { OutboxMessageRow } from '../messaging.tables.js';

/** Requests to an SMS gateway give up after this long; the delivery job retries. */
export const SMS_TIMEOUT_MS = 10_000;

/** The vendor's template for one of ours; a message without one cannot be sent. */
export function vendorTemplate(templates: SmsTemplates, message: OutboxMessageRow, setting: string): string {
  const id = templates[message.template];
  if (!id) throw new Error(`no SMS template configured for "${message.template}" (add it to ${setting})`);
  return id;
}

/**
 * Gateways send pre-approved templates filled with parameters, not free text: a message's own `params` when
 * it has them, otherwise its rendered text as `content`.
 */
export function templateParams(message: OutboxMessageRow): Record<string, string> {
  const params = message.params;
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
  }
  return { content: message.body };
}

/** Reads a gateway's JSON answer; a non-JSON answer (a proxy's error page) becomes an error naming the status. */
export async function readJson(res: Response, gateway: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${gateway} answered HTTP ${res.status} without JSON: ${text.slice(0, 200)}`);
  }
}
