import type { OwnershipEndReason, OwnershipPaymentStatus } from '@anju/contracts';

/** The events the customers module publishes (subject: the customer unless said otherwise). */
export const CUSTOMER_EVENTS = {
  created: 'customer.created',
  /** The source customer was folded into the target (subject: the target). */
  merged: 'customer.merged',
  anonymised: 'customer.anonymised',
  /** A home bought (subject: the ownership). */
  ownershipCreated: 'ownership.created',
  /** Its dates or its payment status changed (subject: the ownership). */
  ownershipChanged: 'ownership.changed',
  /** The person no longer holds the home: resold, transferred, contract cancelled or entered by mistake (subject: the ownership). */
  ownershipEnded: 'ownership.ended',
  /** A referral reached `bought`: the referred customer bought (subject: the referral). */
  referralBought: 'referral.bought',
} as const;

export type CustomerCreated = { source: string | null; kinds: string[] };
export type CustomerMerged = { sourceId: string };
export type OwnershipEvent = {
  customerId: string;
  unitId: string;
  projectId: string;
  firstVisitDate: string | null;
  contractDate: string | null;
  deliveryDate: string | null;
  moveInDate: string | null;
  /** unpaid, partial or paid; absent from events recorded before payment status existed and from imports. */
  paymentStatus?: OwnershipPaymentStatus;
  /** How it arrived: entered by staff or imported from a roster. */
  via: 'staff' | 'import';
};
export type OwnershipEnded = OwnershipEvent & { reason: OwnershipEndReason; endedOn: string };
export type ReferralBought = { referrerId: string; referredId: string; projectId: string | null };
