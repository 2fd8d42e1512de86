interface Props {
  approveLabel: string;
  rejectLabel: string;
  approveTestId: string;
  rejectTestId: string;
  pending: boolean;
  onDecide: (approve: boolean) => void;
}

/** Approve / reject, side by side, both disabled while the decision is sent. */
export function DecisionButtons({ approveLabel, rejectLabel, approveTestId, rejectTestId, pending, onDecide }: Props) {
  return (
    <div className="row">
      <button type="button" className="primary" data-testid={approveTestId} disabled={pending} onClick={() => onDecide(true)}>
        {approveLabel}
      </button>
      <button type="button" className="danger" data-testid={rejectTestId} disabled={pending} onClick={() => onDecide(false)}>
        {rejectLabel}
      </button>
    </div>
  );
}
