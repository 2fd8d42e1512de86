import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Organisation } from '@linli/shared';
import { formatAddress } from '../../lib/format';
import { TextField } from '../../ui/TextField';
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
    .filter((member) => !needle || member.displayName.toLowerCase().includes(needle))
    .sort((first, second) => roleOrder[first.role] - roleOrder[second.role] || first.displayName.localeCompare(second.displayName));
  const orgName = (id: string) => organisations?.find((organisation) => organisation.id === id)?.name;

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">
        {t('home.members')}{' '}
        {members && <span className="muted small">{t('home.memberCount', { count: members.length })}</span>}
      </h2>
      <TextField
        label={t('home.memberFilter')}
        labelClassName="visually-hidden"
        type="search"
        placeholder={t('home.memberFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {members === null && <p className="muted">{t('app.loading')}</p>}
      <ul className="list compact" data-testid="member-list">
        {members !== null && shown.length === 0 && <li className="empty muted">{t('home.noMembers')}</li>}
        {shown.map((member) => {
          const orgs = member.organisationIds.map(orgName).filter((name): name is string => Boolean(name));
          return (
            <li
              key={member.userId}
              className="member-item"
              data-testid="member-item"
              data-user-id={member.userId}
              data-online={online ? online[member.userId] !== undefined : undefined}
            >
              <div className="member-head">
                <strong>
                  {online?.[member.userId] !== undefined && (
                    <span className="presence-dot" data-testid="presence-dot" role="img" aria-label={t('home.online')} title={t('home.online')} />
                  )}
                  {member.displayName}
                  {member.userId === user.id && <span className="muted small"> ({t('common.me')})</span>}
                </strong>
                <span className={`badge role-${member.role}`} data-testid="member-role" data-role={member.role}>
                  {t(`roles.${member.role}`)}
                </span>
              </div>
              {member.household ? (
                // Staff, and the member themself, see the address.
                <div className="muted small">
                  {t('home.household', { address: formatAddress(member.household) })}{' '}
                  <span className={`badge hh-${member.household.status}`}>{t(`householdStatus.${member.household.status}`)}</span>
                </div>
              ) : (
                member.householdVerified && (
                  <div className="muted small">
                    <span className="badge hh-verified">{t('home.verifiedHousehold')}</span>
                  </div>
                )
              )}
              {(orgs.length > 0 || member.phoneMasked) && (
                <div className="muted small">
                  {orgs.join(t('visibility.separator'))}
                  {orgs.length > 0 && member.phoneMasked ? ' · ' : ''}
                  {member.phoneMasked}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
