import { randomUUID } from 'node:crypto';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { insertJsonRows, queryRows, type Tx } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import { units } from '../property/property.tables.js';
import { newRosterCustomer, type RosterRow } from './customer.importer.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import { type customerPhones, customers, type ownerships } from './customer.tables.js';
import { maskMobile } from './customer.validation.js';

/** Thrown to send a chunk down the row-by-row path (which reports precise reasons). */
class NeedsRowByRow extends Error {}

/**
 * The set-based twin of the roster importer's `apply`: the same people, homes, visibility, timeline and audit,
 * written with a dozen statements per chunk. Anything unusual (unknown unit, ID owned by another name) throws,
 * and the import service redoes the chunk row by row.
 */
export async function applyRosterBatch(
  deps: { customers: CustomerService; audit: AuditService; clock: Clock },
  tx: Tx,
  ctx: RequestContext,
  rows: RosterRow[],
): Promise<('imported' | 'updated')[]> {
  if (rows.length === 0) return [];
  const now = deps.clock.now();
  const unitRows = await tx
    .select({
      id: units.id,
      code: units.code,
      project: orgUnits.code,
      projectName: orgUnits.name,
      path: orgUnits.path,
      deliveredOn: units.deliveredOn,
      status: units.status,
    })
    .from(units)
    .innerJoin(orgUnits, sql`${orgUnits.id} = ${units.projectId}`)
    .where(
      and(
        inArray(units.code, [...new Set(rows.map((r) => r.unitCode))]),
        inArray(orgUnits.code, [...new Set(rows.map((r) => r.projectCode))]),
        withinScope(orgUnits.path, ctx.principal.orgPath),
      ),
    );
  const unitOf = new Map(unitRows.map((u) => [`${u.project}|${u.code}`, u]));
  const identities = rows.map((r) =>
    deps.customers.identity({ idType: r.idNumber ? 'resident_id' : null, idNumber: r.idNumber }),
  );
  const hashes = [...new Set(identities.flatMap((i) => (i.idNumberHash ? [i.idNumberHash] : [])))];
  const byHash = new Map(
    (hashes.length
      ? await tx
          .select({ id: customers.id, name: customers.name, hash: customers.idNumberHash })
          .from(customers)
          .where(and(inArray(customers.idNumberHash, hashes), isNull(customers.mergedInto)))
      : []
    ).map((c) => [c.hash as string, c]),
  );
  const firstPhones = [...new Set(rows.map((r) => r.phones[0] as string))];
  const byPhoneName = new Map(
    (
      await queryRows<{ id: string; name: string; phone: string }>(
        tx,
        sql`select c.id, c.name, p.phone from customer_phones p join customers c on c.id = p.customer_id
             where p.phone in (${sql.join(
               firstPhones.map((p) => sql`${p}`),
               sql`, `,
             )}) and c.merged_into is null`,
      )
    ).map((c) => [`${c.phone}|${c.name}`, c.id]),
  );

  const outcomes: ('imported' | 'updated')[] = [];
  const newCustomers: (typeof customers.$inferInsert)[] = [];
  const phones: (typeof customerPhones.$inferInsert)[] = [];
  const owned: (typeof ownerships.$inferInsert)[] = [];
  const placed: { customerId: string; unit: (typeof unitRows)[number]; row: RosterRow }[] = [];
  const createdInBatch = new Map<string, string>();
  for (const [i, row] of rows.entries()) {
    const unit = unitOf.get(`${row.projectCode}|${row.unitCode}`);
    if (!unit) throw new NeedsRowByRow('unit');
    const identity = identities[i] as ReturnType<CustomerService['identity']>;
    const personKey = identity.idNumberHash ?? `${row.phones[0]}|${row.name}`;
    const known = identity.idNumberHash ? byHash.get(identity.idNumberHash) : undefined;
    if (known && known.name !== row.name) throw new NeedsRowByRow('conflict');
    let customerId = known?.id ?? byPhoneName.get(`${row.phones[0]}|${row.name}`) ?? createdInBatch.get(personKey);
    const isNew = !customerId;
    if (customerId) outcomes.push('updated');
    else {
      customerId = randomUUID();
      createdInBatch.set(personKey, customerId);
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
  const ownershipRows = await insertJsonRows<{ id: string; customerId: string; unitId: string }>(
    tx,
    'ownerships',
    ['id', 'customer_id', 'unit_id', 'contract_date', 'delivery_date', 'move_in_date', 'created_at', 'updated_at'],
    owned.map((o) => ({
      id: o.id,
      customer_id: o.customerId,
      unit_id: o.unitId,
      contract_date: o.contractDate,
      delivery_date: o.deliveryDate,
      move_in_date: o.moveInDate,
      created_at: now,
      updated_at: now,
    })),
    sql`on conflict (customer_id, unit_id) do update set contract_date = excluded.contract_date,
          delivery_date = excluded.delivery_date, move_in_date = excluded.move_in_date, active = true, updated_at = excluded.updated_at
        returning id, customer_id as "customerId", unit_id as "unitId"`,
  );
  const ownershipOf = new Map(ownershipRows.map((o) => [`${o.customerId}|${o.unitId}`, o.id]));
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
  const repo = new CustomerRepository(tx);
  const created = new Set(newCustomers.map((c) => c.id as string));
  await repo.recomputeKinds([...new Set(placed.map((p) => p.customerId))].filter((id) => !created.has(id)));
  await flagDuplicatesOfNew(tx, repo, newCustomers, phones, now);
  await insertJsonRows(
    tx,
    'customer_timeline',
    ['customer_id', 'at', 'kind', 'title', 'actor_id', 'actor_name', 'org_path', 'ref_type', 'ref_id'],
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

/** Same phone or ID hash as another live customer: flagged both ways, with two queries for the whole chunk. */
async function flagDuplicatesOfNew(
  tx: Tx,
  repo: CustomerRepository,
  created: (typeof customers.$inferInsert)[],
  phones: (typeof customerPhones.$inferInsert)[],
  at: Date,
) {
  if (created.length === 0) return;
  const newIds = new Set(created.map((c) => c.id as string));
  const newPhones = [...new Set(phones.filter((p) => newIds.has(p.customerId)).map((p) => p.phone))];
  const phoneHits = await queryRows<{ customerId: string; phone: string }>(
    tx,
    sql`select p.customer_id as "customerId", p.phone from customer_phones p join customers c on c.id = p.customer_id
         where p.phone in (${sql.join(
           newPhones.map((p) => sql`${p}`),
           sql`, `,
         )}) and c.merged_into is null`,
  );
  const hashes = created.flatMap((c) => (c.idNumberHash ? [c.idNumberHash] : []));
  const hashHits = hashes.length
    ? await tx
        .select({ id: customers.id, hash: customers.idNumberHash })
        .from(customers)
        .where(and(inArray(customers.idNumberHash, hashes), isNull(customers.mergedInto)))
    : [];
  for (const c of created) {
    const mine = new Set(phones.filter((p) => p.customerId === c.id).map((p) => p.phone));
    const found = [
      ...phoneHits
        .filter((h) => h.customerId !== c.id && mine.has(h.phone))
        .map((h) => ({ otherId: h.customerId, reason: 'phone' })),
      ...hashHits
        .filter((h) => h.id !== c.id && h.hash === c.idNumberHash)
        .map((h) => ({ otherId: h.id, reason: 'id_number' })),
    ];
    if (found.length) await repo.flagDuplicates(c.id as string, found, at);
  }
}
