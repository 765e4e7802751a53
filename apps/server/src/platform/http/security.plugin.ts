import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { safeEqual } from '../auth/secrets.js';
import { AppError } from '../errors.js';

export type SecurityOptions = {
  production: boolean;
  /** Bearer token that opens /metrics from anywhere; unset: only the allowed addresses. */
  metricsToken?: string;
  /** Addresses /metrics answers without a token; 'any' opens it (development). */
  metricsAllow: string[] | 'any';
};

/**
 * Response headers for the console, the portal and the API (helmet: CSP with `frame-ancestors 'none'`, nosniff,
 * referrer policy, HSTS in production), `Cache-Control: no-store` on API answers (they carry personal data),
 * and who may read /metrics.
 */
export const securityPlugin = fp(async (app: FastifyInstance, opts: SecurityOptions) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and antd-mobile write their styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        // photos are previewed from blob: URLs before upload; QR codes and icons are data: URLs
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // the embedded console loads nothing cross-origin; keep the default isolation headers
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.addHook('onRequest', async (request) => {
    if (request.url !== '/metrics' && !request.url.startsWith('/metrics?')) return;
    if (opts.metricsAllow === 'any') return;
    const auth = request.headers.authorization;
    if (opts.metricsToken && auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), opts.metricsToken)) return;
    if (opts.metricsAllow.includes(request.ip)) return;
    throw new AppError('FORBIDDEN');
  });
});
