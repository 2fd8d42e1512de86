/** The signed-in user, and how a session starts and ends. */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { SessionEndReason, UserSelf } from '@linli/shared';
import { authApi } from '../../lib/api';
import { useNavigateTo } from '../../lib/route';
import { connectSocket, disconnectSocket, socket, useServerEvent } from '../../lib/socket';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; ended: SessionEndReason | null }
  | { status: 'authenticated'; user: UserSelf };

export interface SessionControls {
  state: SessionState;
  signIn: (user: UserSelf) => void;
  logout: () => Promise<void>;
}

/** Owns the session: restores it from the cookie, connects the socket, reacts to its end. */
export function useSessionControls(): SessionControls {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigateTo();

  useEffect(() => {
    let cancelled = false;
    void authApi.me().then((res) => {
      if (cancelled) return;
      setState(res.ok ? { status: 'authenticated', user: res.data.user } : { status: 'anonymous', ended: null });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const authenticated = state.status === 'authenticated';
  useEffect(() => {
    if (authenticated) connectSocket();
    else disconnectSocket();
  }, [authenticated]);

  const end = useCallback((reason: SessionEndReason | null) => {
    disconnectSocket();
    // An expired session keeps its page: signing in again returns to it.
    if (reason !== 'expired') navigate({ name: 'picker' });
    setState({ status: 'anonymous', ended: reason });
  }, [navigate]);

  useServerEvent('session:ended', (push) => end(push.reason));

  useEffect(() => {
    // The handshake middleware rejects a missing or expired session with this message.
    const onConnectError = (error: Error) => {
      if (error.message === 'UNAUTHENTICATED') end('expired');
    };
    socket.on('connect_error', onConnectError);
    return () => {
      socket.off('connect_error', onConnectError);
    };
  }, [end]);

  // The URL is left as it is: a link opened while signed out shows its page once signed in.
  const signIn = useCallback((user: UserSelf) => {
    setState({ status: 'authenticated', user });
  }, []);

  const logout = useCallback(async () => {
    await authApi.logout();
    end('logout');
  }, [end]);

  return { state, signIn, logout };
}

export interface Session {
  user: UserSelf;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only valid below the authenticated part of the tree. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
