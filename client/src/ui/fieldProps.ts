import type { ReactNode } from 'react';

/** What a labelled control adds to the control's own props. */
export interface FieldProps {
  label: ReactNode;
  /** Small grey line under the control. */
  hint?: ReactNode;
  /** In an inline form: the field grows to fill the row and its caption is small. */
  inline?: boolean;
  /** The label element's class; "field" ("field grow" inline) unless given. */
  fieldClassName?: string;
  /** The caption's class, e.g. "visually-hidden"; none ("small" inline) unless given. */
  labelClassName?: string;
}

/** Splits a field component's props into the label's and the control's. */
export function splitFieldProps<P extends FieldProps>(props: P): [FieldProps, Omit<P, keyof FieldProps>] {
  const { label, hint, inline, fieldClassName, labelClassName, ...control } = props;
  return [{ label, hint, inline, fieldClassName, labelClassName }, control];
}
