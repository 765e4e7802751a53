import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export type Reply = { statusCode: number; body: string };
export type Caller = (
  method: string,
  path: string,
  opts?: { headers?: Record<string, string>; body?: unknown },
) => Promise<Reply>;

/** Listens on a free local port and answers a caller over real HTTP (keep-alive, as a browser or integration would). */
export async function overHttp(app: FastifyInstance, sockets: number): Promise<Caller> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (method, path, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...opts.headers,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** The same calls in-process (light-my-request): the stack without the socket. */
export const inProcess =
  (app: FastifyInstance): Caller =>
  async (method, path, opts = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url: path,
      headers: opts.headers,
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
    return { statusCode: res.statusCode, body: res.body };
  };

export const ok = (res: Reply, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
};
