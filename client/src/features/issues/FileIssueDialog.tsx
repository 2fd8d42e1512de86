import { useTranslation } from 'react-i18next';
import { useNavigateTo } from '../../lib/route';
import { Dialog } from '../../ui/Dialog';
import { FileIssueForm, type FileDraft } from './FileIssueForm';

interface Props {
  communityId: string;
  me: string;
  draft?: FileDraft;
  onClose: () => void;
}

/** The file form as a sheet over the page (from the list or a chat message); opens the issue once filed. */
export function FileIssueDialog({ communityId, me, draft, onClose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const open = (issueId: string) => {
    onClose();
    navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueId });
  };
  return (
    <Dialog title={draft?.sourceMessageId ? t('issues.form.fromMessage') : t('issues.form.title')} testId="issue-file-dialog" onClose={onClose}>
      <FileIssueForm communityId={communityId} me={me} draft={draft} onFiled={(issue) => open(issue.id)} onCancel={onClose} onOpen={open} />
    </Dialog>
  );
}
