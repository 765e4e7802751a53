import type { APIRequestContext, Browser, Page } from 'playwright-core';

/** Signs in through the login form and waits until the console has left the login page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, data: unknown): Promise<T>;
  patch<T>(path: string, data: unknown): Promise<T>;
}

/**
 * The JSON API with the session of a browser context (`context.request` or `page.request` share its cookies):
 * signs in when a password is given, and sends the session's CSRF token on writes. Non-2xx answers throw.
 */
export async function apiSession(
  request: APIRequestContext,
  baseUrl: string,
  login?: { username: string; password: string },
): Promise<Api> {
  const ok = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> => {
    if (!res.ok()) throw new Error(`${what} → ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const me = login
    ? await ok<{ csrfToken: string }>(
        await request.post(`${baseUrl}/api/auth/login`, { data: login }),
        'POST /api/auth/login',
      )
    : await ok<{ csrfToken: string }>(await request.get(`${baseUrl}/api/auth/me`), 'GET /api/auth/me');
  const headers = { 'x-csrf-token': me.csrfToken };
  return {
    get: async (path) => ok(await request.get(`${baseUrl}${path}`), `GET ${path}`),
    post: async (path, data) => ok(await request.post(`${baseUrl}${path}`, { data, headers }), `POST ${path}`),
    patch: async (path, data) => ok(await request.patch(`${baseUrl}${path}`, { data, headers }), `PATCH ${path}`),
  };
}

/** The group admin's API session in a browser context of its own. */
export async function adminSession(browser: Browser, baseUrl: string, password: string): Promise<Api> {
  return apiSession((await browser.newContext()).request, baseUrl, { username: 'admin', password });
}
