import type { ComponentPropsWithRef } from 'react';
import { Field } from './Field';
import { splitFieldProps, type FieldProps } from './fieldProps';

/** A labelled multi-line input; every other prop goes to the textarea. */
export function TextAreaField(props: FieldProps & ComponentPropsWithRef<'textarea'>) {
  const [field, textarea] = splitFieldProps(props);
  return (
    <Field {...field}>
      <textarea {...textarea} />
    </Field>
  );
}
