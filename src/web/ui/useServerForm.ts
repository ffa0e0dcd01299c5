import { useEffect, useRef, useState } from "react";

/**
 * A settings form's fields filled from the server's answer: when it first comes and again after a
 * save, never over what the user has started to type (a refetch in between keeps their edits). The
 * form calls `edited` from its `onChange` (the inputs' changes bubble to it) and `saved` once the
 * server took the change.
 */
export function useServerForm<T>(data: T | undefined, fill: (data: T) => void) {
  const [isEdited, setEdited] = useState(false);
  const fillRef = useRef(fill);
  fillRef.current = fill;
  useEffect(() => {
    if (data !== undefined && !isEdited) fillRef.current(data);
  }, [data, isEdited]);
  return { loaded: data !== undefined, edited: () => setEdited(true), saved: () => setEdited(false) };
}
