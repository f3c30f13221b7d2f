/** A query that failed to load: what could not be loaded, why, and a way to ask again. */
export function LoadError({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: Error;
  onRetry: () => void;
}) {
  return (
    <div role="alert" className="banner error">
      <p>
        Could not load {what}: {error.message}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
