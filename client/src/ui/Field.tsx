import type { ReactNode } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Small grey line under the control. */
  hint?: ReactNode;
  /** The label element's class: "field", or "field grow" in inline forms. */
  fieldClassName?: string;
  /** The caption's class, e.g. "small" or "visually-hidden". */
  labelClassName?: string;
}

/** A labelled control: caption, the control itself, an optional hint. */
export function Field({ label, hint, fieldClassName = 'field', labelClassName, children }: FieldProps & { children: ReactNode }) {
  return (
    <label className={fieldClassName}>
      <span className={labelClassName}>{label}</span>
      {children}
      {hint ? <small className="hint">{hint}</small> : null}
    </label>
  );
}
