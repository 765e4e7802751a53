import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AliyunSmsProvider, aliyunPhone, aliyunSignature } from './aliyun-sms-provider.js';
import { closeServer, listenLocal, outboxMessage } from './test-fixtures.js';

const SECRET = 'aliyun-test-secret';

/** RFC 3986 encoding written independently of the provider's, byte by byte. */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');

type Answer = { status: number; body: unknown };

/**
 * A fake Dysmsapi: checks the request's signature against the shared secret (answering
 * SignatureDoesNotMatch as Aliyun does), records the parameters and answers with `reply`.
 */
function fakeDysmsapi() {
  const requests: Record<string, string>[] = [];
  const ok = (): Answer => ({
    status: 200,
    body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'req-1' },
  });
  let reply: (params: Record<string, string>) => Answer = ok;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const params = Object.fromEntries(form);
      const { Signature: signature, ...signed } = params;
      const canonical = Object.keys(signed)
        .sort()
        .map((k) => `${pct(k)}=${pct(signed[k] as string)}`)
        .join('&');
      const expected = createHmac('sha1', `${SECRET}&`)
        .update(`${req.method}&${pct('/')}&${pct(canonical)}`)
        .digest('base64');
      const answer: Answer =
        req.method !== 'POST' || req.url !== '/' || !req.headers['content-type']?.startsWith('application/x-www-form')
          ? { status: 400, body: { Code: 'InvalidRequest', Message: 'bad request shape' } }
          : signature !== expected
            ? { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' } }
            : reply(params);
      requests.push(params);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return {
    server,
    requests,
    answer(fn: typeof reply) {
      reply = fn;
    },
    reset() {
      requests.length = 0;
      reply = ok;
    },
  };
}

describe('AliyunSmsProvider', () => {
  const fake = fakeDysmsapi();
  let endpoint = '';
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const provider = (overrides: { accessKeySecret?: string } = {}) =>
    new AliyunSmsProvider({
      accessKeyId: 'LTAI-test-id',
      accessKeySecret: SECRET,
      signName: '安居物业',
      endpoint,
      templates: { 'ticket.received': 'SMS_100001', 'sla.escalate': 'SMS_100002' },
      now: () => new Date('2026-11-23T02:00:00.123Z'),
      ...overrides,
    });

  beforeAll(async () => {
    endpoint = `http://127.0.0.1:${await listenLocal(fake.server)}`;
  });
  afterAll(async () => {
    fetchSpy.mockRestore();
    await closeServer(fake.server);
  });
  beforeEach(() => {
    fake.reset();
    fetchSpy.mockClear();
  });
  afterEach(() => {
    // Nothing leaves the machine: every request went to the local fake.
    for (const [url] of fetchSpy.mock.calls) expect(String(url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('signs SendSms as Aliyun checks it and returns the BizId', async () => {
    const result = await provider().send(outboxMessage());
    expect(result).toEqual({ providerMessageId: '900619746936498440^0' });
    expect(fake.requests).toHaveLength(1);
    const { Signature, ...params } = fake.requests[0] as Record<string, string>;
    expect(Signature).toBeTruthy();
    expect(params).toEqual({
      AccessKeyId: 'LTAI-test-id',
      Action: 'SendSms',
      Format: 'JSON',
      OutId: outboxMessage().id,
      PhoneNumbers: '13800138000',
      SignName: '安居物业',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: `${outboxMessage().id}:1`,
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_100001',
      TemplateParam: JSON.stringify({ content: outboxMessage().body }),
      Timestamp: '2026-11-23T02:00:00Z',
      Version: '2017-05-25',
    });
  });

  it("sends the message's own params when it has them, and a new nonce per attempt", async () => {
    await provider().send(
      outboxMessage({ template: 'sla.escalate', params: { ticket: 'T-0001', minutes: 30 }, attempts: 3 }),
    );
    expect(fake.requests[0]?.TemplateCode).toBe('SMS_100002');
    expect(JSON.parse(fake.requests[0]?.TemplateParam as string)).toEqual({ ticket: 'T-0001', minutes: '30' });
    expect(fake.requests[0]?.SignatureNonce).toBe(`${outboxMessage().id}:3`);
  });

  it("throws with Aliyun's code when the answer is not OK", async () => {
    fake.answer(() => ({
      status: 200,
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5', RequestId: 'req-2' },
    }));
    await expect(provider().send(outboxMessage())).rejects.toThrow(
      /Aliyun SMS isv\.BUSINESS_LIMIT_CONTROL: 触发小时级流控/,
    );
  });

  it('a wrong secret is refused by the signature check', async () => {
    await expect(provider({ accessKeySecret: 'wrong' }).send(outboxMessage())).rejects.toThrow(/SignatureDoesNotMatch/);
  });

  it('names the HTTP status when the answer is not JSON', async () => {
    fake.answer(() => ({ status: 502, body: undefined }));
    await expect(provider().send(outboxMessage())).rejects.toThrow(/HTTP 502/);
  });

  it('refuses a template it has no code for, without calling Aliyun', async () => {
    await expect(provider().send(outboxMessage({ template: 'unknown.kind' }))).rejects.toThrow(
      /no SMS template configured for "unknown\.kind" \(add it to ALIYUN_SMS_TEMPLATES\)/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('aliyun helpers', () => {
  it("matches the signature of Aliyun's documented example", () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('writes mainland numbers bare and others with their country code', () => {
    expect(aliyunPhone('13800138000')).toBe('13800138000');
    expect(aliyunPhone('+86 138-0013-8000')).toBe('13800138000');
    expect(aliyunPhone('+85261234567')).toBe('85261234567');
  });
});
