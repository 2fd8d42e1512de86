import { useTranslation } from 'react-i18next';
import { can, memberRoles, type Member, type MemberRole } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { SelectField } from '../../ui/SelectField';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { ErrorLine } from '../../ui/ErrorLine';
import { ReasonedConfirm } from './ReasonedConfirm';

/** Administrators change roles and ban members. */
export function MemberAdmin({ communityId, data }: { communityId: string; data: CommunityData }) {
  const { t } = useTranslation();
  return (
    <section className="panel" id="mod-members" aria-labelledby="mod-members-title">
      <h2 id="mod-members-title">{t('mod.members')}</h2>
      <p className="muted small">{t('mod.membersHint')}</p>
      <ul className="list compact" data-testid="member-admin-list">
        {(data.members ?? []).map((member) => (
          <MemberAdminItem key={member.userId} communityId={communityId} member={member} data={data} />
        ))}
      </ul>
    </section>
  );
}

interface ItemProps {
  communityId: string;
  member: Member;
  data: CommunityData;
}

function MemberAdminItem({ communityId, member, data }: ItemProps) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const action = useAction();
  const isSelf = member.userId === actor.userId;
  const mayChangeRole = can(actor, 'member.setRole', { userId: member.userId, from: member.role, to: member.role });
  const mayBan = can(actor, 'member.ban', { userId: member.userId, role: member.role });

  async function setRole(role: MemberRole) {
    const updated = await action.run(() => request('member:setRole', { communityId, userId: member.userId, role }));
    if (updated) data.saveMember(updated);
  }

  async function ban(reason: string) {
    const done = await action.run(() => request('member:ban', { communityId, userId: member.userId, reason }));
    if (done) data.removeMember(done.userId);
  }

  return (
    <li data-testid="member-admin-item" data-user-id={member.userId}>
      <div className="member-head">
        <strong>
          {member.displayName}
          {isSelf && <span className="muted small"> {t('mod.self')}</span>}
        </strong>
        {member.phoneMasked && <span className="muted small">{member.phoneMasked}</span>}
      </div>
      <div className="inline-form wrap">
        <SelectField
          label={t('mod.role')}
          inline
          data-testid="member-role-select"
          value={member.role}
          disabled={!mayChangeRole || action.pending}
          onChange={(e) => void setRole(e.target.value as MemberRole)}
          options={memberRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        {mayBan && (
          <ReasonedConfirm
            reasonLabel={t('mod.banReason')}
            label={t('mod.ban')}
            confirmLabel={t('mod.banConfirm')}
            testId="ban-member"
            danger
            disabled={action.pending}
            onConfirm={(reason) => void ban(reason)}
          />
        )}
      </div>
      <ErrorLine error={action.error} />
    </li>
  );
}
