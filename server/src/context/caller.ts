/** Who is calling, as the session established it (the socket handshake, or an HTTP cookie). */
export interface Caller {
  userId: string;
  sessionId: string;
  displayName: string;
  isPlatformAdmin: boolean;
}
