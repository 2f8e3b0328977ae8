/**
 * Group commit: appends that arrive while a write is pending (or in the same turn of the event
 * loop) are written together in one durable commit, and each caller is answered only after that
 * commit. One fsync serves many requests; none is answered before its records are on disk.
 */
export function groupCommit<T>(write: (items: T[]) => Promise<void> | void): (items: T[]) => Promise<void> {
  let queue: { items: T[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      await write(batch.flatMap((b) => b.items));
      batch.forEach((b) => b.resolve());
    } catch (error) {
      batch.forEach((b) => b.reject(error));
    }
    scheduled = queue.length > 0;
    if (scheduled) setImmediate(flush);
  };
  return (items) => new Promise<void>((resolve, reject) => {
    queue.push({ items, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}
