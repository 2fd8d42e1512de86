import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/TextField';

export interface CountedReceipt {
  receipt: string;
  /** Public polls: what the ballot said, in words; absent for secret polls. */
  choice?: string | null;
  /** Public polls: who cast it. */
  voterName?: string | null;
  assisted?: boolean;
}

interface Props {
  receipts: readonly CountedReceipt[];
  secret: boolean;
  /** The receipt this device kept for the viewer, highlighted. */
  mine: string | null;
}

const SHOWN = 50;
/** Receipts are typed from paper: case, spaces and dashes do not matter, nor O/0 and I/L/1 (Crockford base32). */
const normalise = (code: string) =>
  code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

/** Every receipt counted, with a box to find one's own (it is highlighted and scrolled to). */
export function ReceiptList({ receipts, secret, mine }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [all, setAll] = useState(false);
  const wanted = normalise(query) || (mine ? normalise(mine) : '');
  const foundIndex = useMemo(() => (wanted ? receipts.findIndex((r) => normalise(r.receipt) === wanted) : -1), [receipts, wanted]);
  const shown = all || receipts.length <= SHOWN ? receipts : receipts.slice(0, SHOWN);
  const found = foundIndex >= 0 ? receipts[foundIndex] : undefined;
  // Only a search moves the page to the row; the viewer's own receipt is just highlighted.
  const searching = normalise(query) !== '';
  return (
    <section className="receipts" aria-labelledby="receipts-title" data-testid="receipt-list">
      <h3 id="receipts-title">{t('poll.result.receipts', { count: receipts.length })}</h3>
      <p className="small muted">{t('poll.result.receiptsHint')}</p>
      {secret && <p className="small muted">{t('poll.result.receiptsSecret')}</p>}
      <TextField
        label={t('poll.result.findReceipt')}
        placeholder={t('poll.result.findPlaceholder')}
        value={query}
        autoComplete="off"
        spellCheck={false}
        data-testid="receipt-find"
        onChange={(e) => setQuery(e.target.value)}
      />
      {searching && (
        <p className={found ? 'success' : 'error'} role="status" data-testid="receipt-find-result" data-found={Boolean(found)}>
          {found ? t('poll.result.found') : t('poll.result.notFound')}
        </p>
      )}
      {found && foundIndex >= shown.length && <ReceiptRow item={found} highlighted scroll={searching} />}
      <ul className="receipt-rows">
        {shown.map((item) => (
          <ReceiptRow key={item.receipt} item={item} highlighted={wanted !== '' && normalise(item.receipt) === wanted} scroll={searching} />
        ))}
      </ul>
      {!all && receipts.length > SHOWN && (
        <button type="button" className="secondary more" onClick={() => setAll(true)}>
          {t('poll.result.showAll', { count: receipts.length })}
        </button>
      )}
    </section>
  );
}

function ReceiptRow({ item, highlighted, scroll }: { item: CountedReceipt; highlighted: boolean; scroll: boolean }) {
  const { t } = useTranslation();
  return (
    <li
      className={`receipt-row${highlighted ? ' mine' : ''}`}
      data-testid="receipt-row"
      data-receipt={item.receipt}
      data-mine={highlighted}
      ref={highlighted && scroll ? (node) => node?.scrollIntoView({ block: 'nearest' }) : undefined}
    >
      <span className="mono">{item.receipt}</span>
      {highlighted && <span className="badge won-badge">{t('poll.result.myReceipt')}</span>}
      {item.assisted && <span className="badge">{t('poll.result.assisted')}</span>}
      {(item.voterName || item.choice) && (
        <span className="small muted receipt-choice">
          {item.voterName}
          {item.voterName && item.choice ? '：' : ''}
          {item.choice}
        </span>
      )}
    </li>
  );
}
