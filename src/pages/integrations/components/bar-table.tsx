/**
 * A horizontal bar chart that is a table: each row's label and count are text (what a screen
 * reader and a narrow screen get), the bar beside the count is decoration for the eye.
 */
export interface BarRow {
  key: string;
  label: string;
  count: number;
}

export function BarTable({
  caption,
  rows,
  what,
  tone = 'primary',
}: {
  caption: string;
  rows: BarRow[];
  /** What is counted, for the column header: "Escalations". */
  what: string;
  tone?: 'primary' | 'outcome';
}) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <table className={`bar-table bar-table-${tone}`}>
      <caption>{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col">{what}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row">{row.label}</th>
            <td>
              {/* A flex box inside the cell: a flex cell would leave the table's layout. */}
              <div className="bar-cell">
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${(row.count / max) * 100}%` }} />
                </span>
                <span className="bar-value">
                  {row.count}
                  {total > 0 && (
                    <span className="muted"> ({Math.round((row.count / total) * 100)} %)</span>
                  )}
                </span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
