import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Field } from './Field';
import { splitFieldProps, type FieldProps } from './fieldProps';

export interface SelectOption {
  value: string;
  label: ReactNode;
}

interface Props extends FieldProps, Omit<ComponentPropsWithRef<'select'>, 'children'> {
  /** Listed after `children` (a placeholder or a leading extra option). */
  options: readonly SelectOption[];
  children?: ReactNode;
}

/** A labelled select; every other prop goes to the select. */
export function SelectField(props: Props) {
  const [field, { options, children, ...select }] = splitFieldProps(props);
  return (
    <Field {...field}>
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
