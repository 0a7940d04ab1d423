import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, lastApiActivity, onUnauthorized, post } from './api';
import { setHospitalTimeZone } from './format';
import type { Me, Permission } from './types';

export type EndReason = 'expired' | 'signedOut' | null;

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** Why the last session ended, shown on the sign-in page. */
  endReason: EndReason;
  login: (username: string, password: string) => Promise<Me>;
  /** The second sign-in step (MFA): a TOTP or recovery code turns the pending session into a full one. */
  verifyMfa: (code: string) => Promise<Me>;
  /** Read /api/auth/me again (after MFA enrolment the stage changes). */
  reloadMe: () => Promise<void>;
  logout: () => Promise<void>;
  can: (p: Permission) => boolean;
}

export const AuthContext = createContext<AuthState | null>(null);

/**
 * The signed-in user. Loads /api/auth/me at start; any 401 from the API (idle timeout, ended elsewhere)
 * or local inactivity past the server's idle timeout clears the user and every cached patient query,
 * which sends the router to the sign-in page with a way back (trust.md S25).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [endReason, setEndReason] = useState<EndReason>(null);
  const queryClient = useQueryClient();
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const end = useCallback(
    (reason: EndReason) => {
      if (!meRef.current) return;
      queryClient.clear();
      setMe(null);
      setEndReason(reason);
    },
    [queryClient],
  );

  useEffect(() => {
    let alive = true;
    api<Me>('GET', '/api/auth/me', undefined, { quiet401: true })
      .then((m) => {
        if (!alive) return;
        setHospitalTimeZone(m.timeZone);
        setMe(m);
      })
      .catch(() => alive && setMe(null))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => onUnauthorized(() => end('expired')), [end]);

  // Client-side automatic logoff: no API activity for the idle timeout → leave, like the server does.
  useEffect(() => {
    if (!me) return;
    const idleMs = me.session.idleTimeoutSeconds * 1000;
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, onInput, { passive: true }));
    const timer = window.setInterval(() => {
      const now = Date.now();
      const lastSeen = Math.max(lastApiActivity(), lastInput);
      if (now - lastSeen > idleMs) {
        void post('/api/auth/logout').catch(() => undefined);
        end('expired');
      } else if (lastInput > lastApiActivity() && now - lastApiActivity() > 60_000) {
        // Typing or clicking without saving is activity too: keep the server session alive.
        void api('GET', '/api/auth/me').catch(() => undefined);
      }
    }, 5000);
    return () => {
      window.clearInterval(timer);
      events.forEach((e) => window.removeEventListener(e, onInput));
    };
  }, [me, end]);

  // Stable (pages call it from an effect).
  const reloadMe = useCallback(async () => {
    const m = await api<Me>('GET', '/api/auth/me');
    setMe(m);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading,
      endReason,
      async login(username, password) {
        const m = await api<Me>('POST', '/api/auth/login', { username, password }, { quiet401: true });
        queryClient.clear();
        setEndReason(null);
        setHospitalTimeZone(m.timeZone);
        setMe(m);
        return m;
      },
      async verifyMfa(code) {
        const m = await api<Me>('POST', '/api/auth/mfa/verify', { code }, { quiet401: true });
        queryClient.clear();
        setMe(m);
        return m;
      },
      reloadMe,
      async logout() {
        try {
          await post('/api/auth/logout');
        } finally {
          queryClient.clear();
          setMe(null);
          setEndReason('signedOut');
        }
      },
      can: (p) => Boolean(me?.permissions.includes(p)),
    }),
    [me, loading, endReason, queryClient, reloadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user where there is one (null outside the auth provider, e.g. in component tests). */
export function useMe(): Me | null {
  return useContext(AuthContext)?.me ?? null;
}
