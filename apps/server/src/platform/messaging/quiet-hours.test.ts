import { describe, expect, it } from 'vitest';
import { deliverAt } from './messaging.service.js';

const at = (iso: string) => new Date(iso);
const owner = { channel: 'sms' as const, recipientUserId: null };

describe('quiet hours for owners’ SMS (China time)', () => {
  it('sends during the day at once', () => {
    expect(deliverAt(at('2026-11-24T02:00:00Z'), owner).toISOString()).toBe('2026-11-24T02:00:00.000Z'); // 10:00
    expect(deliverAt(at('2026-11-24T12:59:59Z'), owner).toISOString()).toBe('2026-11-24T12:59:59.000Z'); // 20:59:59
  });
  it('holds a late-evening SMS until 08:00 the next morning', () => {
    expect(deliverAt(at('2026-11-24T13:00:00Z'), owner).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 21:00
    expect(deliverAt(at('2026-11-24T15:40:00Z'), owner).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 23:40
  });
  it('holds an early-morning SMS until 08:00 the same day', () => {
    expect(deliverAt(at('2026-11-24T17:30:00Z'), owner).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 01:30
    expect(deliverAt(at('2026-11-24T23:59:00Z'), owner).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 07:59
  });
  it('never delays staff alerts or e-mail', () => {
    const night = at('2026-11-24T16:00:00Z');
    expect(deliverAt(night, { channel: 'sms', recipientUserId: 'u1' })).toEqual(night);
    expect(deliverAt(night, { channel: 'email', recipientUserId: null })).toEqual(night);
  });
});
