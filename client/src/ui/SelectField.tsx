import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Field, type FieldProps } from './Field';

export interface SelectOption {
  value: string;
  label: ReactNode;
}

type Props = FieldProps &
  ComponentPropsWithRef<'select'> & {
    /** Listed after any `children` (a placeholder or a leading extra option). */
    options: readonly SelectOption[];
  };

/** A labelled select; every other prop goes to the select. */
export function SelectField({ label, hint, fieldClassName, labelClassName, options, children, ...select }: Props) {
  return (
    <Field label={label} hint={hint} fieldClassName={fieldClassName} labelClassName={labelClassName}>
      <select {...select}>
        {children}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
