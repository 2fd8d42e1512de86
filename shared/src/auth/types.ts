export interface UserSelf {
  id: string;
  displayName: string;
  /** Masked phone, e.g. 138****5678. The full number never leaves the server. */
  phoneMasked: string;
  isPlatformAdmin: boolean;
  createdAt: string;
}

/** Why the server is about to close a session's sockets. */
export type SessionEndReason = 'logout' | 'banned' | 'expired';
