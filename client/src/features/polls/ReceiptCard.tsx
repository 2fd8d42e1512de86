import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../moderation/CopyButton';

interface Props {
  receipt: string | null;
  assisted?: boolean;
  changed?: boolean;
  /** "Change my vote", when the poll allows it. */
  children?: ReactNode;
}

/** After casting: the receipt code large, a copy button, what it is for. */
export function ReceiptCard({ receipt, assisted, changed, children }: Props) {
  const { t } = useTranslation();
  return (
    <section className="receipt-card" aria-labelledby="receipt-title" data-testid="poll-receipt">
      <p className="success" role="status">
        {changed ? t('poll.receipt.changed') : t('poll.receipt.cast')}
        {assisted && ` ${t('poll.receipt.assisted')}`}
      </p>
      {receipt ? (
        <>
          <h3 id="receipt-title">{t('poll.receipt.title')}</h3>
          <div className="receipt-code-row">
            <output className="receipt-code mono" data-testid="receipt-code">
              {receipt}
            </output>
            <CopyButton text={receipt} testId="receipt-copy" />
          </div>
          <p className="small">{t('poll.receipt.explain')}</p>
        </>
      ) : (
        <p id="receipt-title" className="muted small">
          {t('poll.receipt.lost')}
        </p>
      )}
      {children}
    </section>
  );
}
