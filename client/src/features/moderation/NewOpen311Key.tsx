import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

interface Props {
  label: string;
  /** The key itself: in this component's props only, never in the query cache. */
  secret: string;
  onDone: () => void;
}

/** A key just created, shown this once with a copy button: the server keeps only its hash. */
export function NewOpen311Key({ label, secret, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <div className="notice stack" role="status" data-testid="open311-new-key">
      <strong>{t('open311.newKeyTitle', { label })}</strong>
      <code className="secret-key" data-testid="open311-new-key-value">
        {secret}
      </code>
      <p className="small">
        <strong>{t('open311.newKeyOnce')}</strong> {t('open311.newKeyHowTo')}
      </p>
      <div className="row">
        <CopyButton text={secret} testId="open311-copy-key" />
        <button type="button" className="ghost" data-testid="open311-new-key-done" onClick={onDone}>
          {t('open311.newKeyDone')}
        </button>
      </div>
    </div>
  );
}
