import { createHmac } from 'node:crypto';
import type { AliyunSmsConfig } from '../../config.js';
import type { MessageProvider } from '../messaging.service.js';
import type { OutboxMessageRow } from '../messaging.tables.js';
import { readJson, SMS_TIMEOUT_MS, templateParams, vendorTemplate } from './sms-common.js';

export type AliyunSmsOptions = AliyunSmsConfig & { now?: () => Date; timeoutMs?: number };

/** RFC 3986 percent-encoding as Aliyun's RPC signature wants it (`*` and `!'()` encoded, `~` kept). */
export const aliyunEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical query: parameters sorted by name, names and values encoded, joined with `&`. */
export const aliyunCanonicalQuery = (params: Record<string, string>) =>
  Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k] as string)}`)
    .join('&');

/** Signature v1: base64 HMAC-SHA1, keyed with `secret&`, over `METHOD&%2F&encode(canonical query)`. */
export function aliyunSignature(method: string, params: Record<string, string>, secret: string): string {
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** Aliyun wants mainland numbers bare and others with their country code, without `+`. */
export const aliyunPhone = (recipient: string) => {
  const phone = recipient.replace(/[\s-]/g, '');
  if (/^\+861\d{10}$/.test(phone)) return phone.slice(3);
  return phone.replace(/^\+/, '');
};

type SendSmsAnswer = { Code?: string; Message?: string; BizId?: string; RequestId?: string };

/** Aliyun Dysmsapi `SendSms` (RPC style, API version 2017-05-25), signed with the AccessKey secret. */
export class AliyunSmsProvider implements MessageProvider {
  readonly name = 'aliyun';
  constructor(private readonly options: AliyunSmsOptions) {}

  async send(message: OutboxMessageRow) {
    const o = this.options;
    const params: Record<string, string> = {
      AccessKeyId: o.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: aliyunPhone(message.recipient),
      SignName: o.signName,
      SignatureMethod: 'HMAC-SHA1',
      // Aliyun refuses a nonce seen in the last 15 minutes, so each delivery attempt needs its own.
      SignatureNonce: `${message.id}:${message.attempts}`,
      SignatureVersion: '1.0',
      TemplateCode: vendorTemplate(o.templates, message, 'ALIYUN_SMS_TEMPLATES'),
      TemplateParam: JSON.stringify(templateParams(message)),
      Timestamp: (o.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      OutId: message.id,
    };
    const body = `${aliyunCanonicalQuery(params)}&Signature=${aliyunEncode(aliyunSignature('POST', params, o.accessKeySecret))}`;
    const res = await fetch(`${o.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? SMS_TIMEOUT_MS),
    });
    const answer = (await readJson(res, 'Aliyun SMS')) as SendSmsAnswer;
    if (answer.Code !== 'OK') {
      throw new Error(
        `Aliyun SMS ${answer.Code ?? `HTTP ${res.status}`}: ${answer.Message ?? 'no message'} (request ${answer.RequestId ?? '-'})`,
      );
    }
    return { providerMessageId: answer.BizId ?? null };
  }
}
