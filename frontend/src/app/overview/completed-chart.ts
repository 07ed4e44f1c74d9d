import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

export interface DayCount {
  /** `YYYY-MM-DD`. */
  date: string;
  count: number;
}

/** Layout of the drawing, in CSS pixels: x positions are percentages, so the text never scales. */
const HEIGHT = 200;
const TOP = 22;
const BOTTOM = 40;
const PLOT = HEIGHT - TOP - BOTTOM;

function utcDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

/**
 * Tasks completed per day as an SVG bar chart of our own: fourteen bars need
 * no chart library (and no bundle cost). The drawing is one image with a text
 * alternative; each bar shows its value and its day, and "Show as table"
 * gives the same numbers as a table. The days are calendar days (the API's,
 * by UTC), so they are formatted in UTC.
 */
@Component({
  selector: 'app-completed-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  templateUrl: './completed-chart.html',
  styleUrl: './completed-chart.css',
})
export class CompletedChart {
  readonly days = input.required<readonly DayCount[]>();
  protected readonly asTable = signal(false);
  protected readonly height = HEIGHT;
  protected readonly baseline = TOP + PLOT;

  private readonly weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
  private readonly dayOfMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: 'UTC' });
  private readonly longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

  protected readonly total = computed(() => this.days().reduce((sum, d) => sum + d.count, 0));
  private readonly max = computed(() => Math.max(1, ...this.days().map((d) => d.count)));

  protected readonly bars = computed(() => {
    const days = this.days();
    const slot = 100 / Math.max(1, days.length);
    return days.map((d, i) => {
      const h = d.count === 0 ? 0 : Math.max(2, (d.count / this.max()) * PLOT);
      const when = utcDate(d.date);
      return {
        date: d.date,
        count: d.count,
        x: `${i * slot + slot * 0.15}%`,
        width: `${slot * 0.7}%`,
        mid: `${i * slot + slot / 2}%`,
        y: TOP + PLOT - h,
        h,
        weekday: this.weekday.format(when),
        day: this.dayOfMonth.format(when),
        long: this.longDate.format(when),
      };
    });
  });

  /** The image's text alternative: what the bars say, in one sentence. */
  protected readonly description = computed(() => {
    const bars = this.bars();
    if (bars.length === 0) return 'No days to show.';
    const best = bars.reduce((a, b) => (b.count > a.count ? b : a));
    const span = `${bars[0].long} to ${bars[bars.length - 1].long}`;
    const total = this.total();
    return `Tasks completed per day, ${span}: ${total} in all; most on ${best.long} (${best.count}).`;
  });
}
