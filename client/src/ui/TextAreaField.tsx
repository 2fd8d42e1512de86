import type { ComponentPropsWithRef } from 'react';
import { Field, type FieldProps } from './Field';

type Props = FieldProps & ComponentPropsWithRef<'textarea'>;

/** A labelled multi-line input; every other prop goes to the textarea. */
export function TextAreaField({ label, hint, fieldClassName, labelClassName, ...textarea }: Props) {
  return (
    <Field label={label} hint={hint} fieldClassName={fieldClassName} labelClassName={labelClassName}>
      <textarea {...textarea} />
    </Field>
  );
}
