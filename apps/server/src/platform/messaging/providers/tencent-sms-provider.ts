import { createHash, createHmac } from 'node:crypto';
import type { TencentSmsConfig } from '../../config.js';
import type { MessageProvider } from '../messaging.service.js';
import type { OutboxMessageRow } from '../messaging.tables.js';
import { readJson, SMS_TIMEOUT_MS, templateParams, vendorTemplate } from './sms-common.js';

export type TencentSmsOptions = TencentSmsConfig & { now?: () => Date; timeoutMs?: number };

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * TC3-HMAC-SHA256 over a POST with a JSON body, signing `content-type` and `host`: returns the Authorization
 * header value. `timestamp` is in seconds; its UTC date is part of the credential scope.
 */
export function tencentAuthorization(a: {
  secretId: string;
  secretKey: string;
  host: string;
  payload: string;
  timestamp: number;
  contentType?: string;
}): string {
  const date = new Date(a.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${a.contentType ?? CONTENT_TYPE}\nhost:${a.host}\n`,
    signedHeaders,
    sha256Hex(a.payload),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(a.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${a.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${a.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Tencent wants E.164: mainland numbers get `+86`. */
export const tencentPhone = (recipient: string) => {
  const phone = recipient.replace(/[\s-]/g, '');
  if (phone.startsWith('+')) return phone;
  if (/^1\d{10}$/.test(phone)) return `+86${phone}`;
  if (/^861\d{10}$/.test(phone)) return `+${phone}`;
  return `+${phone}`;
};

/** Tencent templates take positional parameters ({1}, {2}, …): an array as is, an object's values in order. */
const positionalParams = (message: OutboxMessageRow): string[] =>
  Array.isArray(message.params) ? message.params.map(String) : Object.values(templateParams(message));

type SendSmsAnswer = {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[];
    RequestId?: string;
  };
};

/** Tencent Cloud SMS `SendSms` (API 2021-01-11), signed with TC3-HMAC-SHA256. */
export class TencentSmsProvider implements MessageProvider {
  readonly name = 'tencent';
  constructor(private readonly options: TencentSmsOptions) {}

  async send(message: OutboxMessageRow) {
    const o = this.options;
    const payload = JSON.stringify({
      PhoneNumberSet: [tencentPhone(message.recipient)],
      SmsSdkAppId: o.appId,
      SignName: o.signName,
      TemplateId: vendorTemplate(o.templates, message, 'TENCENT_SMS_TEMPLATES'),
      TemplateParamSet: positionalParams(message),
      SessionContext: message.id,
    });
    const url = new URL(`${o.endpoint}/`);
    const timestamp = Math.floor((o.now?.() ?? new Date()).getTime() / 1000);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': CONTENT_TYPE,
        authorization: tencentAuthorization({
          secretId: o.secretId,
          secretKey: o.secretKey,
          host: url.host,
          payload,
          timestamp,
        }),
        'x-tc-action': ACTION,
        'x-tc-version': VERSION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': o.region,
      },
      body: payload,
      signal: AbortSignal.timeout(o.timeoutMs ?? SMS_TIMEOUT_MS),
    });
    const answer = ((await readJson(res, 'Tencent SMS')) as SendSmsAnswer).Response;
    const requestId = answer?.RequestId ?? '-';
    if (answer?.Error) {
      throw new Error(
        `Tencent SMS ${answer.Error.Code}: ${answer.Error.Message ?? 'no message'} (request ${requestId})`,
      );
    }
    const status = answer?.SendStatusSet?.[0];
    if (status?.Code !== 'Ok') {
      throw new Error(
        `Tencent SMS ${status?.Code ?? `HTTP ${res.status}`}: ${status?.Message ?? 'no send status'} (request ${requestId})`,
      );
    }
    return { providerMessageId: status.SerialNo ?? null };
  }
}
