import { useTranslation } from 'react-i18next';
import type { Channel } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import type { CommunityData } from '../home/useCommunityData';
import { useVisibilityText } from '../home/useVisibilityText';
import { ChannelForm } from './ChannelForm';
import { ManagerPanel } from './ManagerPanel';
import { useEditor } from './useEditor';

interface Props {
  communityId: string;
  data: CommunityData;
}

/** Plan channels: each needs a topic plan and an owner before residents see it. */
export function ChannelManager({ communityId, data }: Props) {
  const { t } = useTranslation();
  const { editing, notice, formRef, formKey, edit, finish, cancel } = useEditor<Channel>();

  function saved(channel: Channel, created: boolean) {
    data.saveChannel(channel);
    finish(t(created ? 'mod.created' : 'mod.updated', { name: channel.name }));
  }

  return (
    <ManagerPanel
      id="mod-channels"
      title={t('mod.channels')}
      formRef={formRef}
      form={
        <ChannelForm
          key={formKey}
          communityId={communityId}
          editing={editing}
          members={data.members}
          organisations={data.organisations}
          onSaved={saved}
          onCancel={cancel}
        />
      }
      notice={notice}
      noticeTestId="channel-form-success"
      listTestId="mod-channel-list"
    >
      {(data.channels ?? []).map((channel) => (
        <ManagedChannel key={channel.id} channel={channel} data={data} onEdit={() => edit(channel)} />
      ))}
    </ManagerPanel>
  );
}

interface ItemProps {
  channel: Channel;
  data: CommunityData;
  onEdit: () => void;
}

function ManagedChannel({ channel, data, onEdit }: ItemProps) {
  const { t } = useTranslation();
  const visibilityText = useVisibilityText(data.organisations);
  const archiving = useAction();

  async function setArchived(archived: boolean) {
    const updated = await archiving.run(() => request('channel:archive', { channelId: channel.id, archived }));
    if (updated) data.saveChannel(updated);
  }

  return (
    <li className={channel.archived ? 'is-archived' : undefined} data-testid="mod-channel-item" data-channel-id={channel.id}>
      <div className="member-head">
        <strong>{channel.name}</strong>
        <span className={`badge kind kind-${channel.kind}`}>{t(`channelKinds.${channel.kind}`)}</span>
        {channel.archived && <span className="badge muted-badge">{t('mod.archivedNote')}</span>}
      </div>
      <p className="small pre clamp">{channel.topicPlan}</p>
      <p className="muted small">
        {t('home.owner', { name: channel.ownerName })} · {visibilityText(channel.visibility)}
      </p>
      <div className="row">
        <button type="button" className="secondary" data-testid="edit-channel" onClick={onEdit}>
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid={channel.archived ? 'restore-channel' : 'archive-channel'}
          disabled={archiving.pending}
          onClick={() => void setArchived(!channel.archived)}
        >
          {channel.archived ? t('mod.restore') : t('mod.archive')}
        </button>
      </div>
      <ErrorLine error={archiving.error} />
    </li>
  );
}
