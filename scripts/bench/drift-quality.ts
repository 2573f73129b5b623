// `npm run bench -- drift-quality`: the drift detector's detection and false-alarm figures on seeded
// synthetic series with a known truth (the README's "Drift detection quality"), for Page–Hinkley
// alone (the detector before issue 20) and for detectShift (Page–Hinkley confirmed by persistence).
// "Ever" runs the detector on every prefix of the series, as the daily board would have over time;
// "at the end" is what the board shows on the series' last day.
import { detectShift, pageHinkley, type DailyP99 } from "@/lib/slo/drift";
import { incidentSeries, rampSeries, stepSeries } from "@/lib/slo/drift-synthetic";

type Detector = (s: DailyP99[]) => { detectedDay: number } | null;
const detectors: Record<string, Detector> = {
  "page-hinkley alone": (s) => pageHinkley(s),
  "detectShift (persistence)": (s) => detectShift(s).changePoint,
};

/** The first day on which the detector, given the series up to that day, reports a change point. */
function firstAlarm(detect: Detector, s: DailyP99[]): number | null {
  for (let n = 15; n <= s.length; n++) if (detect(s.slice(0, n))) return s[n - 1]!.day;
  return null;
}
const pct = (n: number, of: number) => Math.round((n / of) * 1000) / 10;
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1]! : null;
};

export async function run() {
  const STEP_RUNS = 1000;
  const INCIDENT_RUNS = 300;
  const figures: Record<string, Record<string, unknown>> = {};
  const steps = Array.from({ length: STEP_RUNS }, (_, i) => stepSeries(i + 1, 40, 120, 0.05, 1.3, 20));
  const flat = Array.from({ length: STEP_RUNS }, (_, i) => stepSeries(i + 1001, 40, 120, 0.05));
  const noisy = Array.from({ length: STEP_RUNS }, (_, i) => stepSeries(i + 5001, 40, 120, 0.15));
  const ramps = Array.from({ length: STEP_RUNS }, (_, i) => rampSeries(i + 7001, 40, 120, 0.05, 0.015, 14));
  // Incidents of 1, 3 and 6 hours at 5× the latency, on a day between 15 and 33 of 35, at any hour.
  const incidents = Object.fromEntries(
    [1, 3, 6].map((hours) => [
      hours,
      Array.from({ length: INCIDENT_RUNS }, (_, i) => {
        const seed = 20_000 + hours * 1000 + i;
        return incidentSeries(seed, { days: 35, incidents: [{ startHour: (15 + (seed % 19)) * 24 + ((seed * 7) % 24), hours, factor: 5 }] });
      }),
    ]),
  );
  for (const [name, detect] of Object.entries(detectors)) {
    const delays: number[] = [];
    let early = 0;
    for (const s of steps) {
      const day = firstAlarm(detect, s);
      if (day === null) continue;
      if (day < 20) early += 1;
      else delays.push(day - 20);
    }
    const f: Record<string, unknown> = {
      stepDetectedPercent: pct(delays.length, STEP_RUNS),
      stepDetectedWithin5DaysPercent: pct(delays.filter((d) => d <= 5).length, STEP_RUNS),
      stepMedianDelayDays: median(delays),
      stepMaxDelayDays: delays.length ? Math.max(...delays) : null,
      stepAlarmBeforeTheStepPercent: pct(early, STEP_RUNS),
      rampDetectedPercent: pct(ramps.filter((s) => detect(s)).length, STEP_RUNS),
      falseAlarmEverPercent: pct(flat.filter((s) => firstAlarm(detect, s) !== null).length, STEP_RUNS),
      falseAlarmAtEndPercent: pct(flat.filter((s) => detect(s)).length, STEP_RUNS),
      noisy15PercentFalseAlarmAtEndPercent: pct(noisy.filter((s) => detect(s)).length, STEP_RUNS),
    };
    for (const [hours, series] of Object.entries(incidents)) {
      f[`incident${hours}hFlaggedAtEndPercent`] = pct(series.filter((s) => detect(s)).length, INCIDENT_RUNS);
      f[`incident${hours}hFlaggedEverPercent`] = pct(series.filter((s) => firstAlarm(detect, s) !== null).length, INCIDENT_RUNS);
    }
    figures[name] = f;
  }
  console.log(`Step: 1,000 40-day series, ±5 % daily noise, +30 % on day 20. Ramp: +1.5 %/day from day 14.`);
  console.log(`Stationary: 1,000 at ±5 %, 1,000 at ±15 %. Incidents: ${INCIDENT_RUNS} 35-day call series per length, 5× latency.`);
  console.table(figures);
  return { figures };
}
