import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import type { CommunityData } from '../home/useCommunityData';
import { useVisibilityText } from '../home/useVisibilityText';
import { ChannelForm } from './ChannelForm';

interface Props {
  communityId: string;
  data: CommunityData;
}

/** Plan channels: each needs a topic plan and an owner before residents see it. */
export function ChannelManager({ communityId, data }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Channel | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  function saved(channel: Channel, created: boolean) {
    data.saveChannel(channel);
    setNotice(t(created ? 'mod.created' : 'mod.updated', { name: channel.name }));
    setEditing(null);
    setFormKey((key) => key + 1); // fresh, empty form
  }

  return (
    <section className="panel" id="mod-channels" aria-labelledby="mod-channels-title">
      <h2 id="mod-channels-title">{t('mod.channels')}</h2>
      <div className="manager-grid">
        <div ref={formRef}>
          <ChannelForm
            key={editing ? `edit-${editing.id}` : `new-${formKey}`}
            communityId={communityId}
            editing={editing}
            members={data.members}
            organisations={data.organisations}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
          {notice && (
            <p className="success" role="status" data-testid="channel-form-success">
              {notice}
            </p>
          )}
        </div>
        <ul className="list compact" data-testid="mod-channel-list">
          {(data.channels ?? []).map((channel) => (
            <ManagedChannel
              key={channel.id}
              channel={channel}
              data={data}
              onEdit={() => {
                setNotice(null);
                setEditing(channel);
                formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            />
          ))}
        </ul>
      </div>
    </section>
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
      {archiving.error && (
        <p className="error" role="alert">
          {archiving.error}
        </p>
      )}
    </li>
  );
}
