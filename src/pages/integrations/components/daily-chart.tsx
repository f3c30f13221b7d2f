/**
 * Escalations per day as stacked columns (delivered, waiting, needs attention, refused), drawn
 * as plain SVG: one image with a name and a one-line summary for screen readers, a legend in
 * text, and the same figures as a table one click away. Nothing in it takes focus but the
 * table's disclosure, so there is nothing else to reach by keyboard.
 */
import { useId } from 'react';
import type { AnalyticsDay } from '../../../shared/analytics.js';
import { dayText } from './analytics-words.js';

export const SERIES = [
  { key: 'delivered', label: 'Delivered' },
  { key: 'queued', label: 'Waiting' },
  { key: 'dead', label: 'Needs attention' },
  { key: 'refused', label: 'Refused (integration off)' },
] as const;

const COLUMN = 10;
const HEIGHT = 120;

function summary(days: AnalyticsDay[]): string {
  const total = days.reduce((sum, day) => sum + day.escalations, 0);
  if (total === 0) return `No escalations in these ${days.length} days.`;
  const busiest = days.reduce((a, b) => (b.escalations > a.escalations ? b : a));
  return `${total} escalations in ${days.length} days; the busiest day was ${dayText(busiest.date)} with ${busiest.escalations}.`;
}

/** Each series' segment of a day's column, bottom up: [key, top, height] in chart units. */
function segments(day: AnalyticsDay, max: number) {
  const heights = SERIES.map(({ key }) => [key, (day[key] / max) * HEIGHT] as const);
  return heights.map(([key, height], i) => {
    const below = heights.slice(0, i).reduce((sum, [, h]) => sum + h, 0);
    return { key, y: HEIGHT - below - height, height };
  });
}

function Column({ day, index, max }: { day: AnalyticsDay; index: number; max: number }) {
  return (
    <g>
      <title>{`${dayText(day.date)}: ${day.escalations} escalations`}</title>
      {segments(day, max)
        .filter((segment) => segment.height > 0)
        .map(({ key, y, height }) => (
          <rect
            key={key}
            className={`series-${key}`}
            x={index * COLUMN + 1}
            y={y}
            width={COLUMN - 2}
            height={height}
          />
        ))}
    </g>
  );
}

export function DailyChart({ days }: { days: AnalyticsDay[] }) {
  const id = useId();
  const max = Math.max(1, ...days.map((day) => day.escalations));
  return (
    <figure className="daily-chart">
      <figcaption id={`${id}-caption`}>Escalations per day (UTC)</figcaption>
      <div className="chart-area">
        <span className="chart-max" aria-hidden="true">
          {max}
        </span>
        <svg
          viewBox={`0 0 ${days.length * COLUMN} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby={`${id}-caption ${id}-summary`}
        >
          <desc id={`${id}-summary`}>{summary(days)}</desc>
          <line x1={0} x2={days.length * COLUMN} y1={HEIGHT} y2={HEIGHT} className="axis" />
          {days.map((day, index) => (
            <Column key={day.date} day={day} index={index} max={max} />
          ))}
        </svg>
      </div>
      <div className="chart-dates" aria-hidden="true">
        <span>{dayText(days[0]!.date)}</span>
        <span>{dayText(days[days.length - 1]!.date)}</span>
      </div>
      <ul className="legend" aria-label="Legend">
        {SERIES.map(({ key, label }) => (
          <li key={key}>
            <span className={`swatch series-${key}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <details>
        <summary>Show the days as a table</summary>
        <DailyTable days={days} />
      </details>
    </figure>
  );
}

function DailyTable({ days }: { days: AnalyticsDay[] }) {
  return (
    // Seven columns do not fit a phone: the table scrolls inside its own box, reachable by keyboard.
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label="Escalations per day, table"
    >
      <table className="table compact">
        <caption className="sr-only">Escalations per day (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Escalations</th>
            {SERIES.map(({ key, label }) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">Out of hours</th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              <td>{day.escalations}</td>
              {SERIES.map(({ key }) => (
                <td key={key}>{day[key]}</td>
              ))}
              <td>{day.outOfHours}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
