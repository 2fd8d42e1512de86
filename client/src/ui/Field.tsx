import type { ReactNode } from 'react';
import type { FieldProps } from './fieldProps';

/** A labelled control: caption, the control itself, an optional hint. */
export function Field({ label, hint, inline = false, fieldClassName, labelClassName, children }: FieldProps & { children: ReactNode }) {
  return (
    <label className={fieldClassName ?? (inline ? 'field grow' : 'field')}>
      <span className={labelClassName ?? (inline ? 'small' : undefined)}>{label}</span>
      {children}
      {hint ? <small className="hint">{hint}</small> : null}
    </label>
  );
}
