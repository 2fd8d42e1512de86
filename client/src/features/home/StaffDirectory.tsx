/**
 * Who is staff in the community on screen, so every place that shows a name can
 * show the role next to it: a resident who calls themself 张主任 gets no badge,
 * the real one does. The staff are loaded on their own (the member list stops at
 * a page, the staff must not), organisation posts come from the organisation
 * list the screen holds; names are never matched, only user ids.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { staffRoles, type Member, type MemberRole, type Organisation } from '@linli/shared';
import { request, useConnection, useServerEvent } from '../../lib/socket';

interface StaffInfo {
  /** Community staff role, or null for organisation staff who are residents. */
  role: MemberRole | null;
  /** Organisation posts: organisation name and title. */
  posts: { organisationId: string; name: string; title: string }[];
}

const StaffContext = createContext<ReadonlyMap<string, StaffInfo>>(new Map());

/** Community staff by user id, loaded on connect and kept live from member events. */
function useStaffRoles(communityId: string): ReadonlyMap<string, MemberRole> {
  const { epoch } = useConnection();
  const [roles, setRoles] = useState<ReadonlyMap<string, MemberRole>>(new Map());

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void request('member:list', { communityId, roles: [...staffRoles] }).then((res) => {
      if (!cancelled && res.ok) setRoles(new Map(res.data.map((m) => [m.userId, m.role])));
    });
    return () => {
      cancelled = true;
    };
  }, [communityId, epoch]);

  const save = (m: Member) => {
    if (m.communityId !== communityId) return;
    setRoles((prev) => {
      const next = new Map(prev);
      if (staffRoles.includes(m.role)) next.set(m.userId, m.role);
      else next.delete(m.userId);
      return next;
    });
  };
  useServerEvent('member:joined', save);
  useServerEvent('member:updated', save);
  useServerEvent('member:removed', (p) => {
    if (p.communityId !== communityId) return;
    setRoles((prev) => {
      const next = new Map(prev);
      next.delete(p.userId);
      return next;
    });
  });
  return roles;
}

export function StaffDirectory({
  communityId,
  organisations,
  children,
}: {
  communityId: string;
  organisations: Organisation[] | null;
  children: ReactNode;
}) {
  const staff = useStaffRoles(communityId);
  const directory = useMemo(() => {
    const byUser = new Map<string, StaffInfo>();
    for (const [userId, role] of staff) byUser.set(userId, { role, posts: [] });
    for (const o of organisations ?? []) {
      for (const s of o.staff) {
        const info = byUser.get(s.userId) ?? { role: null, posts: [] };
        info.posts.push({ organisationId: o.id, name: o.name, title: s.title });
        byUser.set(s.userId, info);
      }
    }
    return byUser;
  }, [staff, organisations]);
  return <StaffContext.Provider value={directory}>{children}</StaffContext.Provider>;
}

/** The user's staff role and organisation posts as badges; nothing for residents. */
export function StaffBadge({ userId, posts = true }: { userId: string; posts?: boolean }) {
  const { t } = useTranslation();
  const info = useContext(StaffContext).get(userId);
  if (!info) return null;
  return (
    <>
      {info.role && (
        <span className={`badge name-badge role-${info.role}`} data-testid="staff-badge" data-role={info.role}>
          {t(`roles.${info.role}`)}
        </span>
      )}
      {posts &&
        info.posts.map((p) => (
          <span key={p.organisationId} className="badge name-badge org-post" data-testid="org-badge">
            {p.title ? t('home.staffWithTitle', { name: p.name, title: p.title }) : p.name}
          </span>
        ))}
    </>
  );
}

/** For plain-text places (typing line): "张主任（管理员）" for staff, the bare name otherwise. */
export function useNameWithRole(): (userId: string, name: string) => string {
  const { t } = useTranslation();
  const directory = useContext(StaffContext);
  return useCallback(
    (userId: string, name: string) => {
      const info = directory.get(userId);
      const label = info?.role ? t(`roles.${info.role}`) : info?.posts[0]?.name;
      return label ? t('home.staffWithTitle', { name, title: label }) : name;
    },
    [directory, t],
  );
}
