import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  channelKinds,
  LIMITS,
  memberRoles,
  type Channel,
  type ChannelKind,
  type ChannelVisibility,
  type Member,
  type MemberRole,
  type Organisation,
} from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { EditorActions } from './EditorActions';

interface Props {
  communityId: string;
  /** The channel being edited, or null to open a new one. */
  editing: Channel | null;
  members: Member[] | null;
  organisations: Organisation[] | null;
  onSaved: (channel: Channel, created: boolean) => void;
  onCancel: () => void;
}

type VisibilityType = ChannelVisibility['type'];

const visibilityTypes: readonly VisibilityType[] = ['all', 'roles', 'organisation'];
const visibilityLabels = {
  all: 'mod.visibilityAll',
  roles: 'mod.visibilityRoles',
  organisation: 'mod.visibilityOrganisation',
} as const satisfies Record<VisibilityType, string>;

/** Create or edit a channel: name, kind, topic plan, owner, visibility. */
export function ChannelForm({ communityId, editing, members, organisations, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<ChannelKind>(editing?.kind ?? 'issues');
  const [topicPlan, setTopicPlan] = useState(editing?.topicPlan ?? '');
  const [ownerId, setOwnerId] = useState(editing?.ownerId ?? '');
  const initial = editing?.visibility ?? { type: 'all' };
  const [visType, setVisType] = useState<VisibilityType>(initial.type);
  const [roles, setRoles] = useState<MemberRole[]>(initial.type === 'roles' ? initial.roles : ['moderator', 'supervisor', 'admin']);
  const [orgId, setOrgId] = useState(initial.type === 'organisation' ? initial.organisationId : '');
  const saving = useAction();

  function visibility(): ChannelVisibility {
    if (visType === 'roles') return { type: 'roles', roles };
    if (visType === 'organisation') return { type: 'organisation', organisationId: orgId };
    return { type: 'all' };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const common = { name: name.trim(), topicPlan: topicPlan.trim(), visibility: visibility() };
    const owner = ownerId ? { ownerId } : {};
    const channel = editing
      ? await saving.run(() => request('channel:update', { channelId: editing.id, ...common, ...owner }))
      : await saving.run(() => request('channel:create', { communityId, kind, ...common, ...owner }));
    if (channel) onSaved(channel, editing === null);
  }

  const toggleRole = (role: MemberRole) =>
    setRoles((prev) => (prev.includes(role) ? prev.filter((other) => other !== role) : [...prev, role]));
  const visibilityValid =
    visType === 'all' || (visType === 'roles' ? roles.length > 0 : orgId.length > 0);
  const ownerOptions = (members ?? []).slice().sort((first, second) => first.displayName.localeCompare(second.displayName));

  return (
    <form className="stack channel-form" data-testid="channel-form" onSubmit={(e) => void submit(e)}>
      <h3>{editing ? t('mod.editChannel', { name: editing.name }) : t('mod.newChannel')}</h3>
      <TextField
        label={t('mod.channelName')}
        data-testid="channel-form-name"
        required
        maxLength={LIMITS.channelName.max}
        placeholder={t('mod.channelNamePlaceholder')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label={t('mod.channelKind')}
        hint={editing ? t('mod.kindLocked') : t(`channelKindHints.${kind}`)}
        data-testid="channel-form-kind"
        value={kind}
        disabled={editing !== null}
        onChange={(e) => setKind(e.target.value as ChannelKind)}
        options={channelKinds.map((channelKind) => ({ value: channelKind, label: t(`channelKinds.${channelKind}`) }))}
      />
      <TextAreaField
        label={t('mod.topicPlan')}
        hint={t('mod.topicPlanHint')}
        data-testid="channel-form-topic"
        required
        rows={4}
        maxLength={LIMITS.topicPlan.max}
        placeholder={t('mod.topicPlanPlaceholder')}
        value={topicPlan}
        onChange={(e) => setTopicPlan(e.target.value)}
      />
      <SelectField
        label={t('mod.owner')}
        data-testid="channel-form-owner"
        value={ownerId}
        onChange={(e) => setOwnerId(e.target.value)}
        options={ownerOptions.map((member) => ({
          value: member.userId,
          label: `${member.displayName} · ${t(`roles.${member.role}`)}`,
        }))}
      >
        {!editing && <option value="">{t('mod.ownerSelf')}</option>}
        {editing && !ownerOptions.some((member) => member.userId === editing.ownerId) && (
          <option value={editing.ownerId}>{editing.ownerName}</option>
        )}
      </SelectField>
      <SelectField
        label={t('mod.visibility')}
        data-testid="channel-form-visibility"
        value={visType}
        onChange={(e) => setVisType(e.target.value as VisibilityType)}
        options={visibilityTypes.map((type) => ({ value: type, label: t(visibilityLabels[type]) }))}
      />
      {visType === 'roles' && (
        <fieldset className="field">
          <legend>{t('mod.pickRoles')}</legend>
          <div className="row wrap">
            {memberRoles.map((role) => (
              <button
                key={role}
                type="button"
                className="toggle"
                aria-pressed={roles.includes(role)}
                onClick={() => toggleRole(role)}
              >
                {t(`roles.${role}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {visType === 'organisation' && (
        <SelectField
          label={t('mod.pickOrganisation')}
          hint={organisations?.length === 0 ? t('mod.noOrganisationYet') : undefined}
          data-testid="channel-form-organisation"
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
          options={(organisations ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        >
          <option value="">{t('mod.staffMemberPlaceholder')}</option>
        </SelectField>
      )}
      <EditorActions
        editing={editing !== null}
        pending={saving.pending}
        invalid={!name.trim() || !topicPlan.trim() || !visibilityValid}
        createLabel={t('mod.create')}
        submitTestId="channel-form-submit"
        onCancel={onCancel}
      />
      <ErrorLine error={saving.error} testId="channel-form-error" />
    </form>
  );
}
