/**
 * Hand-off analytics: how many escalations, how they ended, how long the chat and the customer
 * waited, why they came and where routing sent them, over 7, 30 or 90 UTC days.
 */
import './analytics.css';
import { useId, useState } from 'react';
import {
  ANALYTICS_RANGES,
  type Analytics,
  type AnalyticsRange,
} from '../../../shared/analytics.js';
import { useAnalytics } from '../api/get-analytics.js';
import { durationText, reasonText, ruleText } from './analytics-words.js';
import { BarTable } from './bar-table.js';
import { DailyChart, SERIES } from './daily-chart.js';
import { LoadError } from './load-error.js';
import { StatList } from './stat-list.js';

function RangePicker({
  value,
  onChange,
}: {
  value: AnalyticsRange;
  onChange: (days: AnalyticsRange) => void;
}) {
  const name = useId();
  return (
    <fieldset className="range-picker">
      <legend>Range</legend>
      {ANALYTICS_RANGES.map((days) => (
        <label key={days}>
          <input
            type="radio"
            name={name}
            value={days}
            checked={value === days}
            onChange={() => onChange(days)}
          />
          Last {days} days
        </label>
      ))}
    </fieldset>
  );
}

function Waits({ data }: { data: Analytics }) {
  const share = (n: number) =>
    data.totals.escalations ? ` (${Math.round((n / data.totals.escalations) * 100)} %)` : '';
  const wait = (label: string, w: Analytics['untilEscalated']): [string, string][] => [
    [`${label}, median (p50)`, durationText(w.p50Ms)],
    [`${label}, p95`, durationText(w.p95Ms)],
  ];
  const figures: [string, string][] = [
    ['Escalations', String(data.totals.escalations)],
    ['Out of hours', `${data.totals.outOfHours}${share(data.totals.outOfHours)}`],
    ...wait('Until the chat heard “escalated”', data.untilEscalated),
    ...wait('Until the first agent reply', data.untilFirstReply),
  ];
  return <StatList label="Hand-off figures" items={figures} />;
}

function Figures({ data }: { data: Analytics }) {
  const outcomes = SERIES.map(({ key, label }) => ({ key, label, count: data.totals[key] }));
  const reasons = data.byReason.map((r) => ({
    key: r.reason,
    label: reasonText(r.reason),
    count: r.count,
  }));
  const rules = data.byRule.map((r) => ({
    key: r.ruleId ?? '',
    label: ruleText(r),
    count: r.count,
  }));
  if (data.notRouted > 0)
    rules.push({ key: 'not-routed', label: 'Not routed yet', count: data.notRouted });
  const measured = `${data.untilEscalated.count} escalated, ${data.untilFirstReply.count} answered by an agent`;
  return (
    <>
      <Waits data={data} />
      <p className="hint">
        Waits are measured from the moment the customer asked for a person ({measured}); the
        percentiles are within {Math.round(data.percentileError * 100)} % of the exact values.
      </p>
      <DailyChart days={data.days} />
      <div className="bar-grid">
        <BarTable caption="How they ended" what="Escalations" rows={outcomes} tone="outcome" />
        <BarTable caption="By reason" what="Escalations" rows={reasons} />
        <BarTable caption="By routing rule" what="Escalations" rows={rules} />
      </div>
    </>
  );
}

export function AnalyticsPanel() {
  const [days, setDays] = useState<AnalyticsRange>(30);
  const analytics = useAnalytics(days);
  return (
    <section
      aria-labelledby="analytics-heading"
      className="analytics"
      aria-busy={analytics.isFetching}
    >
      <h3 id="analytics-heading">Hand-off analytics</h3>
      <RangePicker value={days} onChange={setDays} />
      <p className="hint">
        Days are UTC calendar days (time zone: UTC); each escalation counts on the day the customer
        asked for a person. Test escalations are left out.
      </p>
      {analytics.isPending && (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" /> Loading the figures…
        </p>
      )}
      {analytics.error && (
        <LoadError
          what="the figures"
          error={analytics.error}
          onRetry={() => void analytics.refetch()}
        />
      )}
      {analytics.data && <Figures data={analytics.data} />}
    </section>
  );
}
