import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Organisation } from '@linli/shared';
import { formatAddress } from '../../lib/format';
import { useSession } from '../auth/session';

interface Props {
  members: Member[] | null;
  organisations: Organisation[] | null;
  /** userId -> name of members online now. */
  online?: Record<string, string>;
}

const roleOrder = { admin: 0, supervisor: 1, moderator: 2, resident: 3 } as const;

/** Members with their role and household status; staff first. */
export function MemberList({ members, organisations, online }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = (members ?? [])
    .filter((m) => !needle || m.displayName.toLowerCase().includes(needle))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.displayName.localeCompare(b.displayName));
  const orgName = (id: string) => organisations?.find((o) => o.id === id)?.name;

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">
        {t('home.members')}{' '}
        {members && <span className="muted small">{t('home.memberCount', { count: members.length })}</span>}
      </h2>
      <label className="field">
        <span className="visually-hidden">{t('home.memberFilter')}</span>
        <input
          type="search"
          placeholder={t('home.memberFilter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      {members === null && <p className="muted">{t('app.loading')}</p>}
      <ul className="list compact" data-testid="member-list">
        {members !== null && shown.length === 0 && <li className="empty muted">{t('home.noMembers')}</li>}
        {shown.map((m) => {
          const orgs = m.organisationIds.map(orgName).filter((n): n is string => Boolean(n));
          return (
            <li
              key={m.userId}
              className="member-item"
              data-testid="member-item"
              data-user-id={m.userId}
              data-online={online ? online[m.userId] !== undefined : undefined}
            >
              <div className="member-head">
                <strong>
                  {online?.[m.userId] !== undefined && (
                    <span className="presence-dot" data-testid="presence-dot" role="img" aria-label={t('home.online')} title={t('home.online')} />
                  )}
                  {m.displayName}
                  {m.userId === user.id && <span className="muted small"> ({t('common.me')})</span>}
                </strong>
                <span className={`badge role-${m.role}`} data-testid="member-role" data-role={m.role}>
                  {t(`roles.${m.role}`)}
                </span>
              </div>
              {m.household ? (
                // Staff, and the member themself, see the address.
                <div className="muted small">
                  {t('home.household', { address: formatAddress(m.household) })}{' '}
                  <span className={`badge hh-${m.household.status}`}>{t(`householdStatus.${m.household.status}`)}</span>
                </div>
              ) : (
                m.householdVerified && (
                  <div className="muted small">
                    <span className="badge hh-verified">{t('home.verifiedHousehold')}</span>
                  </div>
                )
              )}
              {(orgs.length > 0 || m.phoneMasked) && (
                <div className="muted small">
                  {orgs.join(t('visibility.separator'))}
                  {orgs.length > 0 && m.phoneMasked ? ' · ' : ''}
                  {m.phoneMasked}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
