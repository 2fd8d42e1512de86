/** HTTP calls for authentication; everything else goes over the socket. */
import type { Ack, UserSelf } from '@linli/shared';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Ack<T>> {
  try {
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    const json = (await res.json().catch(() => null)) as Ack<T> | null;
    if (json && typeof json === 'object' && 'ok' in json) return json;
    return { ok: false, error: { code: res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
  }
}

export interface CodeSent {
  resendAfterSeconds: number;
  expiresInSeconds: number;
}

export interface Verified {
  user: UserSelf;
  isNew: boolean;
}

export const authApi = {
  /** Sends a one-time code by SMS. */
  requestCode: (phone: string) => call<CodeSent>('POST', '/api/auth/request-code', { phone }),
  /** Checks the code; creates the account (with displayName) when the phone is new. */
  verify: (phone: string, code: string, displayName?: string) =>
    call<Verified>('POST', '/api/auth/verify', displayName ? { phone, code, displayName } : { phone, code }),
  logout: () => call<Record<string, never>>('POST', '/api/auth/logout', {}),
  me: () => call<{ user: UserSelf }>('GET', '/api/auth/me'),
};
