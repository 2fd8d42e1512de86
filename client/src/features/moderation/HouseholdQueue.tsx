import { useTranslation } from 'react-i18next';
import type { Member } from '@linli/shared';
import { formatAddress } from '../../lib/format';
import { request } from '../../lib/socket';
import { DecisionButtons } from '../../ui/DecisionButtons';
import { QueuePanel } from './QueuePanel';
import { useHouseholdQueue } from './useHouseholdQueue';

interface Props {
  communityId: string;
  onMemberSaved: (member: Member) => void;
}

export function HouseholdQueue({ communityId, onMemberSaved }: Props) {
  const { t } = useTranslation();
  const { pending, error, track } = useHouseholdQueue(communityId);

  return (
    <QueuePanel
      id="mod-households"
      titleId="mod-households-title"
      title={t('mod.households')}
      items={pending}
      error={error}
      emptyText={t('mod.noHouseholds')}
    >
      {(pending ?? []).map((member) => (
        <HouseholdItem
          key={member.userId}
          member={member}
          communityId={communityId}
          onVerified={(updated) => {
            track(updated);
            onMemberSaved(updated);
          }}
        />
      ))}
    </QueuePanel>
  );
}

interface ItemProps {
  member: Member;
  communityId: string;
  onVerified: (member: Member) => void;
}

function HouseholdItem({ member, communityId, onVerified }: ItemProps) {
  const { t } = useTranslation();
  return (
    <li className="household-pending-item" data-testid="household-pending-item" data-user-id={member.userId}>
      <div className="member-head">
        <strong>{member.displayName}</strong>
        {member.phoneMasked && <span className="muted small">{member.phoneMasked}</span>}
      </div>
      {member.household && <p>{formatAddress(member.household)}</p>}
      <DecisionButtons
        approveLabel={t('mod.verify')}
        rejectLabel={t('mod.rejectHousehold')}
        approveTestId="verify-household"
        rejectTestId="reject-household"
        decide={(approve) => request('household:verify', { communityId, userId: member.userId, approve })}
        onDecided={onVerified}
      />
    </li>
  );
}
