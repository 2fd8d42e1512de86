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
      <label className="field">
        <span>{t('mod.channelName')}</span>
        <input
          data-testid="channel-form-name"
          required
          maxLength={LIMITS.channelName.max}
          placeholder={t('mod.channelNamePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('mod.channelKind')}</span>
        <select
          data-testid="channel-form-kind"
          value={kind}
          disabled={editing !== null}
          onChange={(e) => setKind(e.target.value as ChannelKind)}
        >
          {channelKinds.map((channelKind) => (
            <option key={channelKind} value={channelKind}>
              {t(`channelKinds.${channelKind}`)}
            </option>
          ))}
        </select>
        <small className="hint">{editing ? t('mod.kindLocked') : t(`channelKindHints.${kind}`)}</small>
      </label>
      <label className="field">
        <span>{t('mod.topicPlan')}</span>
        <textarea
          data-testid="channel-form-topic"
          required
          rows={4}
          maxLength={LIMITS.topicPlan.max}
          placeholder={t('mod.topicPlanPlaceholder')}
          value={topicPlan}
          onChange={(e) => setTopicPlan(e.target.value)}
        />
        <small className="hint">{t('mod.topicPlanHint')}</small>
      </label>
      <label className="field">
        <span>{t('mod.owner')}</span>
        <select data-testid="channel-form-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          {!editing && <option value="">{t('mod.ownerSelf')}</option>}
          {editing && !ownerOptions.some((member) => member.userId === editing.ownerId) && (
            <option value={editing.ownerId}>{editing.ownerName}</option>
          )}
          {ownerOptions.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.displayName} · {t(`roles.${member.role}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('mod.visibility')}</span>
        <select
          data-testid="channel-form-visibility"
          value={visType}
          onChange={(e) => setVisType(e.target.value as VisibilityType)}
        >
          <option value="all">{t('mod.visibilityAll')}</option>
          <option value="roles">{t('mod.visibilityRoles')}</option>
          <option value="organisation">{t('mod.visibilityOrganisation')}</option>
        </select>
      </label>
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
        <label className="field">
          <span>{t('mod.pickOrganisation')}</span>
          <select data-testid="channel-form-organisation" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            <option value="">{t('mod.staffMemberPlaceholder')}</option>
            {(organisations ?? []).map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
          {organisations?.length === 0 && <small className="hint">{t('mod.noOrganisationYet')}</small>}
        </label>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="channel-form-submit"
          disabled={saving.pending || !name.trim() || !topicPlan.trim() || !visibilityValid}
        >
          {saving.pending ? t('common.saving') : editing ? t('mod.saveChanges') : t('mod.create')}
        </button>
        {editing && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('mod.cancelEdit')}
          </button>
        )}
      </div>
      {saving.error && (
        <p className="error" role="alert" data-testid="channel-form-error">
          {saving.error}
        </p>
      )}
    </form>
  );
}
