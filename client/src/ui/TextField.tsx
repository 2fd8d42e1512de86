import type { ComponentPropsWithRef } from 'react';
import { Field, type FieldProps } from './Field';

type Props = FieldProps & ComponentPropsWithRef<'input'>;

/** A labelled one-line input; every other prop goes to the input. */
export function TextField({ label, hint, fieldClassName, labelClassName, ...input }: Props) {
  return (
    <Field label={label} hint={hint} fieldClassName={fieldClassName} labelClassName={labelClassName}>
      <input {...input} />
    </Field>
  );
}
