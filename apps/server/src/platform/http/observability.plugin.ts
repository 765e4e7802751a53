import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { migrationsCurrent } from '../db/migrate.js';

/** /healthz (process up), /readyz (database reachable, migrations current), /metrics (Prometheus). */
export const observabilityPlugin = fp(async (app: FastifyInstance, opts: { database: Database }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'anju_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const hide = { hide: true } as const;
  app.get('/healthz', { schema: hide }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: hide }, async (_request, reply) => {
    try {
      await opts.database.ping();
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: false, migrations: false });
    }
    const migrations = await migrationsCurrent(opts.database);
    return reply
      .status(migrations ? 200 : 503)
      .send({ status: migrations ? 'ready' : 'migrating', database: true, migrations });
  });
  app.get('/metrics', { schema: hide }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});
