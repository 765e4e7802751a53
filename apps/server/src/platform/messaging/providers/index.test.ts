import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { LogProvider } from '../messaging.service.js';
import { AliyunSmsProvider, createProviders, SmtpProvider, TencentSmsProvider } from './index.js';

const log = pino({ level: 'silent' });
const env = (vars: Record<string, string>) => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'anju-providers-')), ...vars });
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

const ALIYUN = {
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI-id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: '安居物业',
  ALIYUN_SMS_TEMPLATES: '{"ticket.received":"SMS_100001"}',
};
const TENCENT = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKID-id',
  TENCENT_SMS_SECRET_KEY: 'secret',
  TENCENT_SMS_APP_ID: '1400006666',
  TENCENT_SMS_SIGN_NAME: '安居物业',
  TENCENT_SMS_TEMPLATES: '{"ticket.received":1234567}',
};

describe('createProviders', () => {
  it('sends both channels to the log by default, through the given log provider', () => {
    const logProvider = new LogProvider(log);
    const config = loadConfig(env({}));
    expect(config.messaging).toEqual({ sms: { provider: 'log' }, mail: { provider: 'log' } });
    const providers = createProviders(config, log, logProvider);
    expect(providers.sms).toBe(logProvider);
    expect(providers.email).toBe(logProvider);
    // A config built by hand without a messaging section (tests) means the log too.
    expect(createProviders({}, log, logProvider).sms).toBe(logProvider);
  });

  it('the log provider writes the text itself, so a demo owner reads the login code in the server log', async () => {
    const lines: string[] = [];
    const logProvider = new LogProvider(pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }));
    const message = {
      id: '00000000-0000-4000-8000-000000000001',
      channel: 'sms',
      recipientMasked: '158****4373',
      template: 'owner.login_code',
      body: '【安居】您的登录验证码 482913，5 分钟内有效。',
    } as Parameters<LogProvider['send']>[0];
    await logProvider.send(message);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      to: '158****4373',
      template: 'owner.login_code',
      text: message.body,
    });
  });

  it('builds the Aliyun and SMTP providers, with default endpoint', () => {
    const config = loadConfig(
      env({ ...ALIYUN, MAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: 'a@b.example' }),
    );
    expect(config.messaging?.sms).toMatchObject({
      provider: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com',
      templates: { 'ticket.received': 'SMS_100001' },
    });
    const providers = createProviders(config, log);
    expect(providers.sms).toBeInstanceOf(AliyunSmsProvider);
    expect(providers.email).toBeInstanceOf(SmtpProvider);
    (providers.email as SmtpProvider).close();
  });

  it('builds the Tencent provider, with default region and endpoint and ids as strings', () => {
    const config = loadConfig(env(TENCENT));
    expect(config.messaging?.sms).toMatchObject({
      provider: 'tencent',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
      templates: { 'ticket.received': '1234567' },
    });
    expect(createProviders(config, log).sms).toBeInstanceOf(TencentSmsProvider);
  });

  it('ignores the settings of providers that are not chosen, and blank values', () => {
    const config = loadConfig(env({ ALIYUN_SMS_TEMPLATES: '', SMTP_URL: '', TENCENT_SMS_SECRET_ID: 'x' }));
    expect(config.messaging).toEqual({ sms: { provider: 'log' }, mail: { provider: 'log' } });
  });

  it('lists every missing setting of the chosen providers at start-up', () => {
    const problems = problemsOf(() => loadConfig(env({ SMS_PROVIDER: 'aliyun', MAIL_PROVIDER: 'smtp' })));
    expect(problems).toEqual([
      'ALIYUN_SMS_ACCESS_KEY_ID is required when SMS_PROVIDER=aliyun',
      'ALIYUN_SMS_ACCESS_KEY_SECRET is required when SMS_PROVIDER=aliyun',
      'ALIYUN_SMS_SIGN_NAME is required when SMS_PROVIDER=aliyun',
      'ALIYUN_SMS_TEMPLATES is required when SMS_PROVIDER=aliyun',
      'SMTP_URL is required when MAIL_PROVIDER=smtp',
      'MAIL_FROM is required when MAIL_PROVIDER=smtp',
    ]);
    expect(problemsOf(() => loadConfig(env({ SMS_PROVIDER: 'tencent' })))).toHaveLength(5);
  });

  it('rejects malformed values, naming the variable', () => {
    const problems = problemsOf(() =>
      loadConfig(
        env({
          SMS_PROVIDER: 'twilio',
          TENCENT_SMS_TEMPLATES: '{ticket.received: 1}',
          ALIYUN_SMS_TEMPLATES: '["SMS_1"]',
          ALIYUN_SMS_ENDPOINT: 'dysmsapi',
          SMTP_URL: 'http://mail.example',
        }),
      ),
    ).join('\n');
    expect(problems).toMatch(/SMS_PROVIDER/);
    expect(problems).toMatch(/TENCENT_SMS_TEMPLATES: TENCENT_SMS_TEMPLATES must be a JSON object .*\(not valid JSON\)/);
    expect(problems).toMatch(/ALIYUN_SMS_TEMPLATES/);
    expect(problems).toMatch(/ALIYUN_SMS_ENDPOINT/);
    expect(problems).toMatch(/SMTP_URL: SMTP_URL must be a smtp:\/\/ or smtps:\/\/ URL/);
    expect(problemsOf(() => loadConfig(env({ ...ALIYUN, ALIYUN_SMS_TEMPLATES: '{}' })))).toEqual([
      'ALIYUN_SMS_TEMPLATES must name at least one template when SMS_PROVIDER=aliyun',
    ]);
    expect(
      problemsOf(() => loadConfig(env({ MAIL_PROVIDER: 'smtp', SMTP_URL: 'smtps://h:465', MAIL_FROM: 'Anju' }))),
    ).toEqual(['MAIL_FROM must be an address, e.g. "Anju <noreply@example.com>"']);
  });

  it("refuses a hand-built config missing a chosen provider's settings", () => {
    expect(() =>
      createProviders(
        {
          messaging: {
            sms: {
              provider: 'tencent',
              secretId: 'id',
              secretKey: '',
              appId: '1400006666',
              signName: 's',
              region: 'ap-guangzhou',
              endpoint: 'https://sms.tencentcloudapi.com',
              templates: {},
            },
            mail: { provider: 'log' },
          },
        },
        log,
      ),
    ).toThrow(/TENCENT_SMS_SECRET_KEY is required[\s\S]*TENCENT_SMS_TEMPLATES is required/);
  });
});
