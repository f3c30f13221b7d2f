/** Kustomer's priorities 1-5 as <option>s, for every priority select on the page. */
import { PRIORITY_LABELS } from '../../../shared/priority.js';

export function PriorityOptions() {
  return Object.entries(PRIORITY_LABELS).map(([value, label]) => (
    <option key={value} value={value}>
      {value} – {label}
    </option>
  ));
}
