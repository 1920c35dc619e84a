import { type SetStateAction, useCallback, useRef, useState } from 'react';

/**
 * A form's draft that follows the saved value until the user edits it. Forms used to copy the
 * saved value into their state whenever a query answered, so an answer arriving after the user
 * had started typing (a slow first load, a refetch after another change) silently wiped what
 * was typed. Here the saved value shows until the first edit; from then on the draft is the
 * user's until `reset` (after a save, or when the form switches to another record).
 */
export function useDraft<T>(
  saved: T | null,
): [draft: T | null, setDraft: (action: SetStateAction<T | null>) => void, reset: () => void] {
  const [edited, setEdited] = useState<{ value: T | null } | null>(null);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const setDraft = useCallback((action: SetStateAction<T | null>) => {
    setEdited((prev) => {
      const base = prev ? prev.value : savedRef.current;
      const value =
        typeof action === 'function' ? (action as (previous: T | null) => T | null)(base) : action;
      return { value };
    });
  }, []);
  const reset = useCallback(() => setEdited(null), []);
  return [edited ? edited.value : saved, setDraft, reset];
}
