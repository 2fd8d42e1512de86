import type { ReactNode, RefObject } from 'react';

interface Props {
  /** The section's id; its title is `${id}-title`. */
  id: string;
  title: string;
  /** The create-or-edit form (scrolled to when an item is picked for editing). */
  form: ReactNode;
  formRef: RefObject<HTMLDivElement | null>;
  /** Shown under the form after a save. */
  notice: string | null;
  noticeTestId?: string;
  listTestId: string;
  /** The managed items, one list item each. */
  children: ReactNode;
}

/** A moderation panel that manages a list: the form on one side, the items on the other. */
export function ManagerPanel({ id, title, form, formRef, notice, noticeTestId, listTestId, children }: Props) {
  const titleId = `${id}-title`;
  return (
    <section className="panel" id={id} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <div className="manager-grid">
        <div ref={formRef}>
          {form}
          {notice && (
            <p className="success" role="status" data-testid={noticeTestId}>
              {notice}
            </p>
          )}
        </div>
        <ul className="list compact" data-testid={listTestId}>
          {children}
        </ul>
      </div>
    </section>
  );
}
