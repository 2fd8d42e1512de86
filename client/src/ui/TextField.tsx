import type { ComponentPropsWithRef } from 'react';
import { Field } from './Field';
import { splitFieldProps, type FieldProps } from './fieldProps';

/** A labelled one-line input; every other prop goes to the input. */
export function TextField(props: FieldProps & ComponentPropsWithRef<'input'>) {
  const [field, input] = splitFieldProps(props);
  return (
    <Field {...field}>
      <input {...input} />
    </Field>
  );
}
