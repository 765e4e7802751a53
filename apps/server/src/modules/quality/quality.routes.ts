import { errorBody, idParams, page } from '@anju/contracts';
import {
  acknowledgeClusterBody,
  cluster,
  clusterDetail,
  clusterMap,
  clusterMapQuery,
  clusterRule,
  clusterRuleList,
  clusterRuleParams,
  listClustersQuery,
  upsertClusterRuleBody,
} from '@anju/contracts/quality';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import type { QualityModule } from './quality.module.js';
import { presentCluster, presentClusterDetail, presentRule } from './quality.presenter.js';

const errors = { '4xx': errorBody };
const tags = ['quality'];

/** validate (contracts) → authorise and act (services) → present. */
export const qualityRoutes: FastifyPluginAsyncZod<{ quality: QualityModule }> = async (app, { quality }) => {
  const { rules, clusters } = quality;

  app.get(
    '/api/quality/cluster-rules',
    {
      schema: {
        operationId: 'listClusterRules',
        tags,
        summary:
          'The cluster rules that apply in the caller’s subtree (its own, its companies’, the group’s) and the defaults',
        response: { 200: clusterRuleList, ...errors },
      },
    },
    async (request) => {
      const { rows, names, defaults } = await rules.list(contextOf(request));
      return { items: rows.map((r) => presentRule(r, names)), defaults };
    },
  );

  app.put(
    '/api/quality/cluster-rules/:orgUnitId',
    {
      schema: {
        operationId: 'upsertClusterRule',
        tags,
        summary:
          'Set a city company’s or the group’s cluster rule (no version: new; the version read: edit; stale: 409)',
        params: clusterRuleParams,
        body: upsertClusterRuleBody,
        response: { 200: clusterRule, 201: clusterRule, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created, name } = await rules.upsert(contextOf(request), request.params.orgUnitId, request.body);
      return reply.code(created ? 201 : 200).send(presentRule(row, new Map([[row.orgUnitId, name]])));
    },
  );

  app.get(
    '/api/quality/clusters',
    {
      schema: {
        operationId: 'listClusters',
        tags,
        summary: 'Clusters raised in the caller’s subtree, newest first, by status, project or minimum severity',
        querystring: listClustersQuery,
        response: { 200: page(cluster), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const c = decodeCursor(q.cursor, timeIdCursor);
      const { rows, ...labels } = await clusters.list(contextOf(request), {
        status: q.status,
        projectId: q.projectId,
        minSeverity: q.minSeverity,
        before: c ? { at: new Date(c.t), id: c.id } : undefined,
        limit: q.limit,
      });
      const { items, nextCursor } = pageOf(rows, q.limit, (r) => ({ t: r.raisedAt.toISOString(), id: r.id }));
      return { items: items.map((r) => presentCluster(r, labels)), nextCursor };
    },
  );

  app.get(
    '/api/quality/cluster-map',
    {
      schema: {
        operationId: 'getClusterMap',
        tags,
        summary: 'A project’s buildings (and common areas) with the highest severity of their open clusters',
        querystring: clusterMapQuery,
        response: { 200: clusterMap, ...errors },
      },
    },
    async (request) => clusters.map(contextOf(request), request.query.projectId),
  );

  app.get(
    '/api/quality/clusters/:id',
    {
      schema: {
        operationId: 'getCluster',
        tags,
        summary:
          'One cluster with its tickets, its timeline (raised, joined, warned, acknowledged…) and acknowledgements',
        params: idParams,
        response: { 200: clusterDetail, ...errors },
      },
    },
    async (request) => presentClusterDetail(await clusters.get(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/quality/clusters/:id/acknowledge',
    {
      schema: {
        operationId: 'acknowledgeCluster',
        tags,
        summary: 'Record that the caller has seen the warning (who and when; it silences nothing)',
        params: idParams,
        body: acknowledgeClusterBody,
        response: { 200: clusterDetail, ...errors },
      },
    },
    async (request) =>
      presentClusterDetail(await clusters.acknowledge(contextOf(request), request.params.id, request.body.note)),
  );
};
