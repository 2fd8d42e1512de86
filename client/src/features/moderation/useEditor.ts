/** State of a manager panel's create-or-edit form: which item is edited, the notice after saving. */
import { useRef, useState } from 'react';

export function useEditor<T extends { id: string }>() {
  const [editing, setEditing] = useState<T | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  return {
    editing,
    notice,
    formRef,
    /** Remounts the form when the edited item changes, and after each save (fresh, empty form). */
    formKey: editing ? `edit-${editing.id}` : `new-${formKey}`,
    /** Loads an item into the form and scrolls the form into view. */
    edit(item: T) {
      setNotice(null);
      setEditing(item);
      formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    /** After a save: shows the notice and empties the form. */
    finish(message: string) {
      setNotice(message);
      setEditing(null);
      setFormKey((key) => key + 1);
    },
    cancel: () => setEditing(null),
  };
}
