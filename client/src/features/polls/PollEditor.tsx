import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { newClientId } from '../../lib/clientId';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { Dialog } from '../../ui/Dialog';
import { createPayload, emptyForm, formFromPoll, updatePayload, type PollFormValues } from './formValues';
import { deliberationChoicesQuery, issueChoicesQuery } from './pollQueries';
import { PollForm } from './PollForm';
import { useSavePoll } from './usePollsLive';

interface Props {
  communityId: string;
  /** The poll to edit; none to create one. */
  poll?: Poll;
  onClose: () => void;
  onSaved: (poll: Poll) => void;
}

/** The create / edit dialog: the form with its pickers (deliberations, problem reports), sent once. */
export function PollEditor({ communityId, poll, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSavePoll(communityId);
  const deliberations = useSocketQuery(deliberationChoicesQuery(communityId));
  const issues = useSocketQuery(issueChoicesQuery(communityId));
  // One clientId per dialog: a retried create (lost answer, double tap) stores one poll.
  const [clientId] = useState(newClientId);
  const [initial] = useState<PollFormValues>(() => (poll ? formFromPoll(poll) : emptyForm()));
  const linkable = (deliberations.data ?? []).filter((item) => item.state === 'open' || item.state === 'closed' || item.id === poll?.deliberationId);
  const issueChoices = (issues.data ?? []).filter((issue) => issue.state !== 'merged' || poll?.issueIds.includes(issue.id));

  async function submit(values: PollFormValues) {
    const saved = await action.run(() => (poll ? request('poll:update', updatePayload(values, poll)) : request('poll:create', createPayload(values, communityId, clientId))));
    if (!saved) return;
    save(saved);
    onSaved(saved);
  }

  return (
    <Dialog title={poll ? t('poll.form.titleEdit') : t('poll.form.titleNew')} testId="poll-editor" onClose={onClose}>
      <PollForm
        initial={initial}
        locked={poll?.frozen ?? false}
        started={poll !== undefined && poll.state !== 'scheduled'}
        editing={poll !== undefined}
        deliberations={linkable}
        issues={issueChoices}
        pending={action.pending}
        error={action.error}
        onSubmit={(values) => void submit(values)}
        onCancel={onClose}
      />
    </Dialog>
  );
}
