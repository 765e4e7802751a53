import type { ROOMS } from '@anju/contracts';
import type { TFunction } from 'i18next';
import type { CreateMyRequestInput } from '../../api/requests';
import { MAX_PHOTOS, photoIds, type UploadedPhoto, type UploadState } from '../../components/PhotoUploader';
import { uuid } from '../../lib/uuid';

export type Room = (typeof ROOMS)[number];
/** The contract's `items.max(10)`. */
export const MAX_ITEMS = 10;
export const MAX_DESCRIPTION = 1000;
export const MAX_LOCATION = 200;

export interface DraftItem {
  key: string;
  room?: Room;
  location: string;
  categoryCode?: string;
  description: string;
  photos: UploadedPhoto[];
}

/** A report being written. `idempotencyKey` is made once per draft and sent on every submit attempt. */
export interface RepairDraft {
  idempotencyKey: string;
  unitId?: string;
  items: DraftItem[];
}

export const newItem = (): DraftItem => ({ key: uuid(), location: '', description: '', photos: [] });
export const newDraft = (): RepairDraft => ({ idempotencyKey: uuid(), items: [newItem()] });

export type ItemField = 'room' | 'location' | 'category' | 'description' | 'photos';
export type ItemErrors = Partial<Record<ItemField, string>>;
export interface DraftErrors {
  unit?: string;
  items: ItemErrors[];
  count: number;
}

export function validateDraft(draft: RepairDraft, uploads: Record<string, UploadState>, t: TFunction): DraftErrors {
  let count = 0;
  const unit = draft.unitId ? undefined : t('repair.homeRequired');
  if (unit) count++;
  const items = draft.items.map((item) => {
    const e: ItemErrors = {};
    if (!item.room) e.room = t('repair.roomRequired');
    if (item.location.trim().length > MAX_LOCATION) e.location = t('repair.locationTooLong');
    if (!item.categoryCode) e.category = t('repair.categoryRequired');
    const description = item.description.trim();
    if (!description) e.description = t('repair.descriptionRequired');
    else if (description.length > MAX_DESCRIPTION) e.description = t('repair.descriptionTooLong');
    const upload = uploads[item.key];
    if (upload?.pending) e.photos = t('repair.photosPending');
    else if (upload?.failed) e.photos = t('repair.photosFailed');
    else if (item.photos.length > MAX_PHOTOS) e.photos = t('repair.photoCountExceeded');
    count += Object.keys(e).length;
    return e;
  });
  return { unit, items, count };
}

export function toRequestBody(draft: RepairDraft): CreateMyRequestInput {
  return {
    type: 'repair',
    unitId: draft.unitId ?? '',
    items: draft.items.map((item) => ({
      room: item.room ?? 'other',
      location: item.location.trim() || undefined,
      categoryCode: item.categoryCode ?? '',
      description: item.description.trim(),
      photoIds: photoIds(item.photos),
    })),
  };
}

/**
 * The draft survives a reload in this tab (sessionStorage), key included: reloading after a submit whose answer
 * was lost and submitting again still creates one report.
 */
const STORAGE_KEY = 'anju.portal.repairDraft';

export function loadDraft(): RepairDraft | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const draft = JSON.parse(raw) as RepairDraft;
    return typeof draft.idempotencyKey === 'string' && Array.isArray(draft.items) && draft.items.length > 0
      ? draft
      : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: RepairDraft): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the draft lives in memory only
  }
}

export function clearDraft(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
