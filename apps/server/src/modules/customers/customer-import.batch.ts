import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { anyOfText, insertJsonRows, queryRows, type Tx } from '../../platform/db/database.js';
import type { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { CUSTOMER_EVENTS, type OwnershipEvent } from './customer.events.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import type { customerPhones, customers, ownerships } from './customer.tables.js';
import { maskMobile } from './customer.validation.js';
import { idOfAnother, newRosterCustomer, type RosterRow, unknownUnit } from './customer-roster.js';

/**
 * The set-based twin of the roster importer's `apply`: the same people, homes, visibility, timeline and audit,
 * written with a dozen statements per chunk. A row naming an unknown unit, or an ID number on file under another
 * name, gets the error the row path would throw and writes nothing.
 */
export async function applyRosterBatch(
  deps: { customers: CustomerService; audit: AuditService; clock: Clock; events: EventBus },
  tx: Tx,
  ctx: RequestContext,
  rows: RosterRow[],
): Promise<('imported' | 'updated' | AppError)[]> {
  if (rows.length === 0) return [];
  const now = deps.clock.now();
  const unitRows = await queryRows<{
    id: string;
    code: string;
    project: string;
    projectId: string;
    projectName: string;
    path: string;
    deliveredOn: string | null;
    status: string;
  }>(
    tx,
    sql`select u.id, u.code, p.code as project, p.id as "projectId", p.name as "projectName", p.path, u.delivered_on as "deliveredOn", u.status
        from units u join org_units p on p.id = u.project_id
        where u.code ${anyOfText([...new Set(rows.map((r) => r.unitCode))])}
          and p.code ${anyOfText([...new Set(rows.map((r) => r.projectCode))])}
          and ${withinScope(sql`p.path`, ctx.principal.orgPath)}`,
  );
  const unitOf = new Map(unitRows.map((u) => [`${u.project}|${u.code}`, u]));
  const identities = rows.map((r) =>
    deps.customers.identity({ idType: r.idNumber ? 'resident_id' : null, idNumber: r.idNumber }),
  );
  const hashes = [...new Set(identities.flatMap((i) => (i.idNumberHash ? [i.idNumberHash] : [])))];
  const byHash = new Map(
    (hashes.length
      ? await queryRows<{ id: string; name: string; hash: string }>(
          tx,
          sql`select id, name, id_number_hash as hash from customers
              where id_number_hash ${anyOfText(hashes)} and merged_into is null`,
        )
      : []
    ).map((c) => [c.hash, c]),
  );
  // Every live customer holding any phone of the chunk: finds people by mobile + name, and flags duplicates.
  const allPhones = [...new Set(rows.flatMap((r) => r.phones))];
  const phoneHolders = await queryRows<{ id: string; name: string; phone: string; hash: string | null }>(
    tx,
    sql`select c.id, c.name, p.phone, c.id_number_hash as hash from customer_phones p join customers c on c.id = p.customer_id
         where p.phone ${anyOfText(allPhones)} and c.merged_into is null`,
  );
  const byPhoneName = new Map<string, { id: string; hash: string | null }>(
    phoneHolders.map((c) => [`${c.phone}|${c.name}`, { id: c.id, hash: c.hash }]),
  );

  const outcomes: ('imported' | 'updated' | AppError)[] = [];
  const newCustomers: (typeof customers.$inferInsert)[] = [];
  const phones: (typeof customerPhones.$inferInsert)[] = [];
  const owned: (typeof ownerships.$inferInsert)[] = [];
  const placed: { customerId: string; unit: (typeof unitRows)[number]; row: RosterRow }[] = [];
  const identityUpdates: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    const unit = unitOf.get(`${row.projectCode}|${row.unitCode}`);
    if (!unit) {
      outcomes.push(unknownUnit(row));
      continue;
    }
    const identity = identities[i] as ReturnType<CustomerService['identity']>;
    const known = identity.idNumberHash ? byHash.get(identity.idNumberHash) : undefined;
    if (known && known.name !== row.name) {
      outcomes.push(idOfAnother(known.name));
      continue;
    }
    const byMobile = known ? undefined : byPhoneName.get(`${row.phones[0]}|${row.name}`);
    let customerId = known?.id ?? byMobile?.id;
    const isNew = !customerId;
    if (customerId) outcomes.push('updated');
    if (byMobile && !byMobile.hash && identity.idNumberHash) {
      identityUpdates.push({ id: byMobile.id, ...identity });
      byMobile.hash = identity.idNumberHash;
      byHash.set(identity.idNumberHash, { id: byMobile.id, name: row.name, hash: identity.idNumberHash });
    }
    if (!customerId) {
      customerId = randomUUID();
      // Later rows of the same person in this chunk find them as the row path would find a committed record.
      if (identity.idNumberHash)
        byHash.set(identity.idNumberHash, { id: customerId, name: row.name, hash: identity.idNumberHash });
      byPhoneName.set(`${row.phones[0]}|${row.name}`, { id: customerId, hash: identity.idNumberHash });
      newCustomers.push(newRosterCustomer(row, identity, ctx, now, customerId));
      outcomes.push('imported');
    }
    for (const [n, phone] of row.phones.entries()) {
      phones.push({ customerId, phone, last4: phone.slice(-4), isPrimary: n === 0 && isNew });
    }
    owned.push({
      id: randomUUID(),
      customerId,
      unitId: unit.id,
      firstVisitDate: row.firstVisitDate,
      contractDate: row.contractDate,
      deliveryDate: row.deliveryDate ?? unit.deliveredOn,
      moveInDate: row.moveInDate,
      createdAt: now,
      updatedAt: now,
    });
    placed.push({ customerId, unit, row });
  }
  // New people's kinds follow from the homes placed here; existing people's are recomputed from all relations.
  const kindsOfNew = new Map<string, string[]>();
  for (const p of placed) {
    const delivered =
      ['delivered', 'moved_in'].includes(p.unit.status) ||
      Boolean(p.row.deliveryDate ?? p.unit.deliveredOn) ||
      Boolean(p.row.moveInDate);
    const kinds = new Set(kindsOfNew.get(p.customerId) ?? []);
    kinds.add(delivered ? 'owner' : 'buyer');
    kindsOfNew.set(p.customerId, [...kinds].sort());
  }
  await insertJsonRows(
    tx,
    'customers',
    [
      'id',
      'name',
      'name_initials',
      'name_pinyin',
      'gender',
      'email',
      'id_type',
      'id_number_enc',
      'id_number_hash',
      'id_number_masked',
      'source_channel',
      'kinds',
      'created_by',
      'created_at',
      'updated_at',
    ],
    newCustomers.map((c) => ({
      id: c.id,
      name: c.name,
      name_initials: c.nameInitials,
      name_pinyin: c.namePinyin,
      gender: c.gender,
      email: c.email,
      id_type: c.idType,
      id_number_enc: c.idNumberEnc,
      id_number_hash: c.idNumberHash,
      id_number_masked: c.idNumberMasked,
      source_channel: c.sourceChannel,
      kinds: kindsOfNew.get(c.id as string),
      created_by: c.createdBy,
      created_at: now,
      updated_at: now,
    })),
  );
  await insertJsonRows(
    tx,
    'customer_phones',
    ['customer_id', 'phone', 'last4', 'is_primary'],
    phones.map((p) => ({ customer_id: p.customerId, phone: p.phone, last4: p.last4, is_primary: p.isPrimary })),
    sql`on conflict (customer_id, phone) do nothing`,
  );
  const ownershipRows = await insertJsonRows<{ id: string; customerId: string; unitId: string; inserted: boolean }>(
    tx,
    'ownerships',
    [
      'id',
      'customer_id',
      'unit_id',
      'first_visit_date',
      'contract_date',
      'delivery_date',
      'move_in_date',
      'created_at',
      'updated_at',
    ],
    owned.map((o) => ({
      id: o.id,
      customer_id: o.customerId,
      unit_id: o.unitId,
      first_visit_date: o.firstVisitDate,
      contract_date: o.contractDate,
      delivery_date: o.deliveryDate,
      move_in_date: o.moveInDate,
      created_at: now,
      updated_at: now,
    })),
    sql`on conflict (customer_id, unit_id) do update set first_visit_date = excluded.first_visit_date, contract_date = excluded.contract_date,
          delivery_date = excluded.delivery_date, move_in_date = excluded.move_in_date, active = true, updated_at = excluded.updated_at
        returning id, customer_id as "customerId", unit_id as "unitId", (xmax = 0) as inserted`,
  );
  const ownershipOf = new Map(ownershipRows.map((o) => [`${o.customerId}|${o.unitId}`, o.id]));
  await recordOwnershipEvents(deps.events, tx, ctx, ownershipRows, owned, unitRows);
  await insertJsonRows(
    tx,
    'customer_scopes',
    ['customer_id', 'org_path', 'relation', 'ref_id'],
    placed.map((p) => ({
      customer_id: p.customerId,
      org_path: p.unit.path,
      relation: 'ownership',
      ref_id: ownershipOf.get(`${p.customerId}|${p.unit.id}`),
    })),
    sql`on conflict (customer_id, relation, ref_id) do nothing`,
  );
  if (identityUpdates.length) {
    await queryRows(
      tx,
      sql`update customers c set id_type = u.id_type, id_number_enc = u.id_number_enc, id_number_hash = u.id_number_hash,
            id_number_masked = u.id_number_masked, version = c.version + 1, updated_at = ${now}
          from json_to_recordset(${JSON.stringify(identityUpdates.map(snakeIdentity))}::json)
            as u(id uuid, id_type text, id_number_enc text, id_number_hash text, id_number_masked text)
          where c.id = u.id`,
    );
  }
  const repo = new CustomerRepository(tx);
  const created = new Set(newCustomers.map((c) => c.id as string));
  await repo.recomputeKinds([...new Set(placed.map((p) => p.customerId))].filter((id) => !created.has(id)));
  await flagDuplicatesOfNew(repo, newCustomers, phones, phoneHolders, now);
  await insertJsonRows(
    tx,
    'customer_timeline',
    ['customer_id', 'at', 'kind', 'title', 'actor_id', 'actor_name', 'org_path', 'ref_type', 'ref_id', 'data'],
    placed.map((p) => ({
      customer_id: p.customerId,
      at: now,
      kind: 'ownership',
      title: `房产 ${p.unit.projectName} ${p.unit.code}`,
      actor_id: ctx.principal.userId,
      actor_name: ctx.principal.displayName,
      org_path: p.unit.path,
      ref_type: 'unit',
      ref_id: p.unit.id,
      data: { code: 'ownership.added', project: p.unit.projectName, unit: p.unit.code },
    })),
  );
  await deps.audit.recordMany(
    tx,
    ctx,
    placed.map((p) => ({
      action: 'ownership.add',
      entityType: 'customer',
      entityId: p.customerId,
      orgPath: p.unit.path,
      after: { unit: p.unit.code, project: p.unit.projectName, phones: p.row.phones.map(maskMobile), source: 'import' },
    })),
  );
  return outcomes;
}

/** `ownership.created` for each home new to its owner, `ownership.changed` for each re-imported one. */
async function recordOwnershipEvents(
  events: EventBus,
  tx: Tx,
  ctx: RequestContext,
  written: { id: string; customerId: string; unitId: string; inserted: boolean }[],
  owned: (typeof ownerships.$inferInsert)[],
  units: { id: string; projectId: string; path: string }[],
) {
  const valuesOf = new Map(owned.map((o) => [`${o.customerId}|${o.unitId}`, o]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  await events.record(
    tx,
    ctx,
    written.map((o) => {
      const values = valuesOf.get(`${o.customerId}|${o.unitId}`);
      const unit = unitOf.get(o.unitId) as (typeof units)[number];
      const payload: OwnershipEvent = {
        customerId: o.customerId,
        unitId: o.unitId,
        projectId: unit.projectId,
        firstVisitDate: values?.firstVisitDate ?? null,
        contractDate: values?.contractDate ?? null,
        deliveryDate: values?.deliveryDate ?? null,
        moveInDate: values?.moveInDate ?? null,
        via: 'import',
      };
      return {
        name: o.inserted ? CUSTOMER_EVENTS.ownershipCreated : CUSTOMER_EVENTS.ownershipChanged,
        subjectType: 'ownership',
        subjectId: o.id,
        orgPath: unit.path,
        payload,
      };
    }),
  );
}

/**
 * A new person sharing a phone with someone else (already on file, or another new person of this chunk) is flagged
 * both ways. Same ID number cannot happen here: it resolves to the same person, or sends the chunk row by row.
 */
async function flagDuplicatesOfNew(
  repo: CustomerRepository,
  created: (typeof customers.$inferInsert)[],
  phones: (typeof customerPhones.$inferInsert)[],
  holdersOnFile: { id: string; phone: string }[],
  at: Date,
) {
  const newIds = new Set(created.map((c) => c.id as string));
  const holders = new Map<string, Set<string>>();
  const hold = (phone: string, id: string) => holders.set(phone, (holders.get(phone) ?? new Set()).add(id));
  for (const h of holdersOnFile) hold(h.phone, h.id);
  for (const p of phones) if (newIds.has(p.customerId)) hold(p.phone, p.customerId);
  const found = new Map<string, { otherId: string; reason: string }[]>();
  for (const p of phones) {
    if (!newIds.has(p.customerId)) continue;
    for (const otherId of holders.get(p.phone) ?? []) {
      if (otherId === p.customerId) continue;
      found.set(p.customerId, [...(found.get(p.customerId) ?? []), { otherId, reason: 'phone' }]);
    }
  }
  for (const [customerId, pairs] of found) await repo.flagDuplicates(customerId, pairs, at);
}

const snakeIdentity = (u: Record<string, unknown>) => ({
  id: u.id,
  id_type: u.idType,
  id_number_enc: u.idNumberEnc,
  id_number_hash: u.idNumberHash,
  id_number_masked: u.idNumberMasked,
});
