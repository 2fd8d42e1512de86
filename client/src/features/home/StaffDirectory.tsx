/**
 * Who is staff in the community on screen, so every place that shows a name can
 * show the role next to it: a resident who calls themself 张主任 gets no badge,
 * the real one does. Built from the member and organisation lists the community
 * screen already holds; names are never matched, only user ids.
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { staffRoles, type Member, type MemberRole, type Organisation } from '@linli/shared';

interface StaffInfo {
  /** Community staff role, or null for organisation staff who are residents. */
  role: MemberRole | null;
  /** Organisation posts: organisation name and title. */
  posts: { organisationId: string; name: string; title: string }[];
}

const StaffContext = createContext<ReadonlyMap<string, StaffInfo>>(new Map());

export function StaffDirectory({
  members,
  organisations,
  children,
}: {
  members: Member[] | null;
  organisations: Organisation[] | null;
  children: ReactNode;
}) {
  const directory = useMemo(() => {
    const byUser = new Map<string, StaffInfo>();
    for (const m of members ?? []) if (staffRoles.includes(m.role)) byUser.set(m.userId, { role: m.role, posts: [] });
    for (const o of organisations ?? []) {
      for (const s of o.staff) {
        const info = byUser.get(s.userId) ?? { role: null, posts: [] };
        info.posts.push({ organisationId: o.id, name: o.name, title: s.title });
        byUser.set(s.userId, info);
      }
    }
    return byUser;
  }, [members, organisations]);
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
