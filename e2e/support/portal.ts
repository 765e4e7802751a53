import type { Api } from './session.js';

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/**
 * The login code the portal just sent to this phone, read from the staff outbox page (demo mode shows codes).
 * Only login codes are listed, so a burst of other messages cannot push it off the first page. It waits as long as
 * the delivery takes: the test's own timeout is the bound, not a guess at how busy the machine is.
 */
export async function ownerLoginCode(admin: Api, phone: string): Promise<string> {
  for (;;) {
    const { items } = await admin.get<{ items: { recipientMasked: string; body: string }[] }>(
      '/api/outbox?template=owner.login_code&limit=20',
    );
    const code = items.find((m) => m.recipientMasked === masked(phone))?.body.match(/\d{6}/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
}
