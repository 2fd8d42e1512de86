import { parse } from 'cookie';

export const SESSION_COOKIE = 'linli.sid';

/** The session token from a Cookie header, shared by HTTP and the socket handshake. */
export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader)[SESSION_COOKIE];
}
