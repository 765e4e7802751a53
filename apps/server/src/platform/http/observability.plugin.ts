import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { migrationsCurrent } from '../db/migrate.js';

const READY_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

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
    // a load balancer asks often and waits little: answer within READY_TIMEOUT_MS whatever the database does
    const migrations = await withTimeout(
      opts.database.ping().then(() => migrationsCurrent(opts.database)),
      READY_TIMEOUT_MS,
    ).catch(() => null);
    if (migrations === null) {
      return reply.status(503).send({ status: 'unavailable', database: false, migrations: false });
    }
    return reply
      .status(migrations ? 200 : 503)
      .send({ status: migrations ? 'ready' : 'migrating', database: true, migrations });
  });
  app.get('/metrics', { schema: hide }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});
