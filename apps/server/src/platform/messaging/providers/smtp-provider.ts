import { createTransport } from 'nodemailer';
import type { SmtpConfig } from '../../config.js';
import type { MessageProvider } from '../messaging.service.js';
import type { OutboxMessageRow } from '../messaging.tables.js';

export type SmtpOptions = SmtpConfig & { timeoutMs?: number };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/**
 * E-mail through an SMTP relay (`smtp://user:pass@host:587`, STARTTLS when the server offers it;
 * `smtps://…:465` for implicit TLS). One connection per message: volumes are small.
 */
export class SmtpProvider implements MessageProvider {
  readonly name = 'smtp';
  private readonly transport;
  /** Message-IDs are `<outbox id@sender's domain>`: a retried delivery carries the same one. */
  private readonly idDomain: string;

  constructor(options: SmtpOptions) {
    this.idDomain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'anju.localhost';
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = createTransport(
      { url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout },
      { from: options.from },
    );
  }

  async send(message: OutboxMessageRow) {
    try {
      const info = await this.transport.sendMail({
        to: message.recipient,
        subject: message.subject ?? message.template,
        text: message.body,
        messageId: `<${message.id}@${this.idDomain}>`,
      });
      return { providerMessageId: info.messageId ?? null };
    } catch (err) {
      const e = err as SmtpError;
      const code = e.responseCode ?? e.code ?? 'error';
      throw new Error(`SMTP ${code}: ${e.response ?? e.message}`, { cause: err });
    }
  }

  close() {
    this.transport.close();
  }
}
