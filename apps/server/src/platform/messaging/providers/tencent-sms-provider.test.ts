import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TencentSmsProvider, tencentAuthorization, tencentPhone } from './tencent-sms-provider.js';
import { closeServer, listenLocal, outboxMessage } from './test-fixtures.js';

const SECRET_ID = 'AKID-test-id';
const SECRET_KEY = 'tencent-test-secret';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** The TC3 check a Tencent gateway makes, written from the documented steps, or the reason it fails. */
function verifyTc3(headers: IncomingHttpHeaders, payload: string): string | null {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      headers.authorization ?? '',
    );
  if (!m) return 'malformed Authorization';
  const [, secretId, date, signedHeaders, signature] = m as unknown as [string, string, string, string, string];
  if (secretId !== SECRET_ID) return 'unknown SecretId';
  const timestamp = Number(headers['x-tc-timestamp']);
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'date does not match X-TC-Timestamp';
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((h) => `${h}:${String(headers[h]).trim().toLowerCase()}\n`).join('');
  const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(payload)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha256(canonicalRequest)}`;
  const key = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date), 'sms'), 'tc3_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex') === signature ? null : 'signature mismatch';
}

type Body = { Response: Record<string, unknown> };

/** A fake sms.tencentcloudapi.com: verifies the TC3 signature and the common headers, then answers with `reply`. */
function fakeTencentSms() {
  const requests: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const ok = (): Body => ({
    Response: {
      SendStatusSet: [
        {
          SerialNo: '5000:1045710669157053657849499619',
          PhoneNumber: '+8613800138000',
          Fee: 1,
          SessionContext: 'ctx',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        },
      ],
      RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
    },
  });
  let reply: (body: Record<string, unknown>) => Body = ok;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const failure =
        req.method !== 'POST' || req.url !== '/'
          ? 'bad request shape'
          : req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11'
            ? 'wrong action or version'
            : req.headers['x-tc-region'] !== 'ap-guangzhou'
              ? 'wrong region'
              : verifyTc3(req.headers, raw);
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ headers: req.headers, body });
      const answer: Body = failure
        ? { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: failure }, RequestId: 'r-err' } }
        : reply(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
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

describe('TencentSmsProvider', () => {
  const fake = fakeTencentSms();
  let endpoint = '';
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const provider = (overrides: { secretKey?: string } = {}) =>
    new TencentSmsProvider({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      appId: '1400006666',
      signName: '安居物业',
      region: 'ap-guangzhou',
      endpoint,
      templates: { 'ticket.received': '1234567', 'sla.escalate': '7654321' },
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
    for (const [url] of fetchSpy.mock.calls) expect(String(url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('signs SendSms with TC3-HMAC-SHA256 and returns the SerialNo', async () => {
    const result = await provider().send(outboxMessage());
    expect(result).toEqual({ providerMessageId: '5000:1045710669157053657849499619' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '安居物业',
      TemplateId: '1234567',
      TemplateParamSet: [outboxMessage().body],
      SessionContext: outboxMessage().id,
    });
  });

  it("sends the message's own params in order", async () => {
    await provider().send(outboxMessage({ template: 'sla.escalate', params: { ticket: 'T-0001', minutes: 30 } }));
    expect(fake.requests[0]?.body).toMatchObject({ TemplateId: '7654321', TemplateParamSet: ['T-0001', '30'] });
  });

  it("throws with Tencent's code when the number's send status is not Ok", async () => {
    fake.answer(() => ({
      Response: {
        SendStatusSet: [
          { SerialNo: '', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'the number of sms messages sent' },
        ],
        RequestId: 'r-2',
      },
    }));
    await expect(provider().send(outboxMessage())).rejects.toThrow(/Tencent SMS LimitExceeded\.PhoneNumberDailyLimit/);
  });

  it('throws with the error code of a refused request (a wrong key fails the signature check)', async () => {
    await expect(provider({ secretKey: 'wrong' }).send(outboxMessage())).rejects.toThrow(
      /Tencent SMS AuthFailure\.SignatureFailure: signature mismatch/,
    );
  });

  it('refuses a template it has no id for, without calling Tencent', async () => {
    await expect(provider().send(outboxMessage({ template: 'unknown.kind' }))).rejects.toThrow(/TENCENT_SMS_TEMPLATES/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('tencent helpers', () => {
  it('matches a TC3 signature computed independently (Python hmac/hashlib)', () => {
    const payload =
      '{"PhoneNumberSet":["+8618511122266"],"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1234","TemplateParamSet":["12345"],"SessionContext":"test"}';
    expect(
      tencentAuthorization({
        secretId: 'AKIDEXAMPLE',
        secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
        host: 'sms.tencentcloudapi.com',
        payload,
        timestamp: 1551113065,
      }),
    ).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=ac3f3d1e1d9789b6d8b6b4aeaadd770c6b5e8ba9cfab46bdfd3a2b9c3cbbb2ed',
    );
  });

  it('writes numbers in E.164, mainland ones with +86', () => {
    expect(tencentPhone('13800138000')).toBe('+8613800138000');
    expect(tencentPhone('8613800138000')).toBe('+8613800138000');
    expect(tencentPhone('+852 6123 4567')).toBe('+85261234567');
  });
});
