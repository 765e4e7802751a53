/** A failed API call: the server's stable `{ code, message, details? }` body plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Login endpoints answer 4xx for a wrong code; those never mean "the session is gone". */
const AUTH_PREFIX = '/api/portal/auth/';

let language = 'zh-CN';
let onAuthRequired: () => void = () => undefined;

/** Sent as `Accept-Language` so server messages come back in the portal's language. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called once by the app shell: what to do when the owner cookie is missing or expired. */
export function setAuthRequiredHandler(handler: () => void): void {
  onAuthRequired = handler;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function baseHeaders(): Record<string, string> {
  return { accept: 'application/json', 'accept-language': language, 'x-anju-lang': language };
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, empty body)
  }
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof b.code === 'string' ? b.code : res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  const message = typeof b.message === 'string' ? b.message : `${res.status} ${res.statusText}`;
  return new ApiError(res.status, code, message, b.details);
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !path.startsWith(AUTH_PREFIX)) onAuthRequired();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
}

export function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = { ...baseHeaders(), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return send<T>(buildUrl(path, options.query), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Sends one file as multipart/form-data (field `file`). */
export function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return send<T>(path, { method: 'POST', headers: baseHeaders(), body: form });
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** The items of every loaded page, once each (a record that moved between two page loads is not shown twice). */
export function pageItems<T extends { id: string }>(pages: Page<T>[] | undefined): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of pages?.flatMap((p) => p.items) ?? []) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}
