import type { FastifyBaseLogger } from 'fastify';
import { type AppConfig, ConfigError, type MessagingConfig } from '../../config.js';
import { type Channel, LogProvider, type MessageProvider } from '../messaging.service.js';
import { AliyunSmsProvider } from './aliyun-sms-provider.js';
import { SmtpProvider } from './smtp-provider.js';
import { TencentSmsProvider } from './tencent-sms-provider.js';

export { AliyunSmsProvider } from './aliyun-sms-provider.js';
export { SmtpProvider } from './smtp-provider.js';
export { TencentSmsProvider } from './tencent-sms-provider.js';

const LOG_ONLY: MessagingConfig = { sms: { provider: 'log' }, mail: { provider: 'log' } };

/**
 * The provider of each channel, as configured (SMS_PROVIDER, MAIL_PROVIDER; `log` by default). Channels on
 * `log` share `logProvider`, so tests can read what was sent. Settings are validated by `loadConfig`; a
 * hand-built config missing them fails here, at start-up, rather than at the first message.
 */
export function createProviders(
  config: Pick<AppConfig, 'messaging'>,
  log: FastifyBaseLogger,
  logProvider: LogProvider = new LogProvider(log),
): Record<Channel, MessageProvider> {
  const { sms, mail } = config.messaging ?? LOG_ONLY;
  const problems: string[] = [];
  const required = (settings: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(settings)) {
      if (value === undefined || value === '' || (typeof value === 'object' && value && !Object.keys(value).length)) {
        problems.push(`${name} is required for the chosen provider`);
      }
    }
  };
  if (sms.provider === 'aliyun') {
    required({
      ALIYUN_SMS_ACCESS_KEY_ID: sms.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: sms.accessKeySecret,
      ALIYUN_SMS_SIGN_NAME: sms.signName,
      ALIYUN_SMS_ENDPOINT: sms.endpoint,
      ALIYUN_SMS_TEMPLATES: sms.templates,
    });
  } else if (sms.provider === 'tencent') {
    required({
      TENCENT_SMS_SECRET_ID: sms.secretId,
      TENCENT_SMS_SECRET_KEY: sms.secretKey,
      TENCENT_SMS_APP_ID: sms.appId,
      TENCENT_SMS_SIGN_NAME: sms.signName,
      TENCENT_SMS_REGION: sms.region,
      TENCENT_SMS_ENDPOINT: sms.endpoint,
      TENCENT_SMS_TEMPLATES: sms.templates,
    });
  }
  if (mail.provider === 'smtp') required({ SMTP_URL: mail.url, MAIL_FROM: mail.from });
  if (problems.length) throw new ConfigError(problems);

  const smsProvider: MessageProvider =
    sms.provider === 'aliyun'
      ? new AliyunSmsProvider(sms)
      : sms.provider === 'tencent'
        ? new TencentSmsProvider(sms)
        : logProvider;
  const emailProvider: MessageProvider = mail.provider === 'smtp' ? new SmtpProvider(mail) : logProvider;
  log.info({ sms: smsProvider.name, email: emailProvider.name }, 'message providers');
  return { sms: smsProvider, email: emailProvider };
}
