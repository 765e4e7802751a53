import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmtpProvider } from './smtp-provider.js';
import { closeServer, listenLocal, outboxMessage } from './test-fixtures.js';

type Captured = { auth: string | null; from: string; to: string[]; data: string };

/**
 * Just enough ESMTP to take a message: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
 * Recipients in `reject` get `550 5.1.1`.
 */
function fakeSmtp() {
  const messages: Captured[] = [];
  const reject = new Set<string>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    const say = (line: string) => socket.write(`${line}\r\n`);
    let current: Captured = { auth: null, from: '', to: [], data: '' };
    let inData = false;
    let dataLines: string[] = [];
    let buffer = '';
    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          messages.push({ ...current, data: dataLines.join('\r\n') });
          current = { auth: current.auth, from: '', to: [], data: '' };
          say('250 2.0.0 Ok: queued as FAKE123');
        } else dataLines.push(line.startsWith('..') ? line.slice(1) : line);
        return;
      }
      const [verb = '', ...rest] = line.split(' ');
      const arg = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          return say('250-fake.smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME');
        case 'HELO':
          return say('250 fake.smtp');
        case 'AUTH': {
          const [, token = ''] = arg.split(' ');
          current.auth = Buffer.from(token, 'base64').toString('utf8');
          return current.auth === '\0mailer\0s3cret'
            ? say('235 2.7.0 Authentication successful')
            : say('535 5.7.8 bad');
        }
        case 'MAIL':
          current.from = /<(.*)>/.exec(arg)?.[1] ?? '';
          return say('250 2.1.0 Ok');
        case 'RCPT': {
          const to = /<(.*)>/.exec(arg)?.[1] ?? '';
          if (reject.has(to)) return say(`550 5.1.1 <${to}>: Recipient address rejected: User unknown`);
          current.to.push(to);
          return say('250 2.1.5 Ok');
        }
        case 'DATA':
          inData = true;
          dataLines = [];
          return say('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          current = { auth: current.auth, from: '', to: [], data: '' };
          return say('250 2.0.0 Ok');
        case 'NOOP':
          return say('250 2.0.0 Ok');
        case 'QUIT':
          say('221 2.0.0 Bye');
          return socket.end();
        default:
          return say('502 5.5.2 Error: command not recognized');
      }
    };
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    });
    say('220 fake.smtp ESMTP');
  });
  return { server, messages, reject, sockets };
}

describe('SmtpProvider', () => {
  const fake = fakeSmtp();
  let port = 0;
  const provider = (auth = 'mailer:s3cret') =>
    new SmtpProvider({
      url: `smtp://${auth}@127.0.0.1:${port}`,
      from: '安居物业 <noreply@anju.example>',
      timeoutMs: 5000,
    });
  const email = outboxMessage({
    channel: 'email',
    recipient: 'manager@anju.example',
    recipientMasked: 'm***@anju.example',
    template: 'sla.escalate',
    subject: 'SLA escalation T-0001',
    body: 'Ticket T-0001 needs attention.',
  });

  beforeAll(async () => {
    port = await listenLocal(fake.server);
  });
  afterAll(async () => {
    for (const s of fake.sockets) s.destroy();
    await closeServer(fake.server);
  });
  beforeEach(() => {
    fake.messages.length = 0;
    fake.reject.clear();
  });

  it('delivers through the relay, logged in, and returns the Message-ID', async () => {
    const result = await provider().send(email);
    expect(result).toEqual({ providerMessageId: `<${email.id}@anju.example>` });
    expect(fake.messages).toHaveLength(1);
    const [m] = fake.messages;
    expect(m?.auth).toBe('\0mailer\0s3cret');
    expect(m?.from).toBe('noreply@anju.example');
    expect(m?.to).toEqual(['manager@anju.example']);
    expect(m?.data).toMatch(/^Subject: SLA escalation T-0001$/m);
    expect(m?.data).toMatch(/^To: manager@anju\.example$/m);
    expect(m?.data).toMatch(new RegExp(`^Message-ID: <${email.id}@anju\\.example>$`, 'm'));
    expect(m?.data).toContain('Ticket T-0001 needs attention.');
  });

  it("throws with the server's reply code when the recipient is refused", async () => {
    fake.reject.add('manager@anju.example');
    await expect(provider().send(email)).rejects.toThrow(/^SMTP 550: .*Recipient address rejected/);
    expect(fake.messages).toHaveLength(0);
  });

  it('throws with the reply code of a failed login', async () => {
    await expect(provider('mailer:wrong').send(email)).rejects.toThrow(/^SMTP 535/);
  });
});
