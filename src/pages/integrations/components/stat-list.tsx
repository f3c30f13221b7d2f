/** Labelled figures as a definition list (the Health and Analytics panels). */
export function StatList({ label, items }: { label: string; items: [string, string][] }) {
  return (
    <dl className="stats" aria-label={label}>
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
