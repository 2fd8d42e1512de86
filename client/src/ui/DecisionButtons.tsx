import type { Ack } from '@linli/shared';
import { useAction } from '../lib/useAction';
import { ErrorLine } from './ErrorLine';

interface Props<T> {
  approveLabel: string;
  rejectLabel: string;
  approveTestId: string;
  rejectTestId: string;
  /** Sends the decision. */
  decide: (approve: boolean) => Promise<Ack<T>>;
  /** The decision went through. */
  onDecided: (result: T) => void;
}

/** Approve / reject side by side, both disabled while the decision is sent; its error below. */
export function DecisionButtons<T>({ approveLabel, rejectLabel, approveTestId, rejectTestId, decide, onDecided }: Props<T>) {
  const deciding = useAction();

  async function send(approve: boolean) {
    const result = await deciding.run(() => decide(approve));
    if (result) onDecided(result);
  }

  return (
    <>
      <div className="row">
        <button type="button" className="primary" data-testid={approveTestId} disabled={deciding.pending} onClick={() => void send(true)}>
          {approveLabel}
        </button>
        <button type="button" className="danger" data-testid={rejectTestId} disabled={deciding.pending} onClick={() => void send(false)}>
          {rejectLabel}
        </button>
      </div>
      <ErrorLine error={deciding.error} />
    </>
  );
}
