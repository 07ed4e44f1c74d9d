/** The day after `day` (`YYYY-MM-DD`), as `YYYY-MM-DD`. */
function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * A due date in words: "Today", "Tomorrow", else the date in the person's
 * own locale ("Dec 1, 2026", "1 Dec 2026"), as the date picker shows it.
 * Due dates are calendar days without a time, so they are formatted in UTC.
 */
export function dueDateLabel(due: string, today: string, locale?: string): string {
  if (due === today) return 'Today';
  if (due === nextDay(today)) return 'Tomorrow';
  const [year, month, date] = due.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}
