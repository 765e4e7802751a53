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

  /** Field errors of a VALIDATION_FAILED response (`[{ path: 'body.username', message }]`). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldError).path === 'string' &&
        typeof (d as FieldError).message === 'string',
    );
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

const LOGIN_PATH = '/api/auth/login';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: string | null = null;
let language = 'zh-CN';

/** Called with the `csrfToken` of every Me response (login and /api/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Sent as `x-anju-lang` so server messages come back in the console's language. */
export function setApiLanguage(lang: string): void {
  language = lang;
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

function redirectToLogin(): void {
  csrfToken = null;
  if (window.location.pathname === '/login') return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
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

export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-anju-lang': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }

  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && path !== LOGIN_PATH) redirectToLogin();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * Asks for a file with a POST (exports are writes: the CSRF header travels with them), or a GET where the export is
 * one, and saves it under the server's file name.
 */
export async function downloadFile(
  path: string,
  query: Query,
  fallbackName: string,
  method: 'GET' | 'POST' = 'POST',
): Promise<void> {
  const headers: Record<string, string> = { 'x-anju-lang': language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { method, credentials: 'same-origin', headers });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const b = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, b.code ?? 'HTTP_ERROR', b.message ?? `${res.status} ${res.statusText}`, b.details);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sends one file as multipart/form-data (field `file`), with the CSRF header like every write. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { accept: 'application/json', 'x-anju-lang': language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401) redirectToLogin();
    throw error;
  }
  return (await res.json()) as T;
}

/**
 * Like `uploadFile`, through XMLHttpRequest so the upload reports progress (`onProgress(0..100)`); `query` is
 * added to the path (e.g. `role=before`).
 */
export function uploadFileWithProgress<T>(
  path: string,
  file: File,
  options: { query?: Query; onProgress?: (percent: number) => void } = {},
): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-anju-lang', language);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network error'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch (e) {
          reject(new ApiError(xhr.status, 'HTTP_ERROR', e instanceof Error ? e.message : String(e)));
        }
        return;
      }
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      void readError(res).then((error) => {
        if (xhr.status === 401) redirectToLogin();
        reject(error);
      });
    };
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
