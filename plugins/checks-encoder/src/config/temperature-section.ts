import { Type, type Static } from '@encoder-manager/sdk';
import { enabled, positive, seconds } from './fields.js';

/** `temperature.trend`: least-squares rise over several windows and the predicted time to the limit. */
export const TrendSection = Type.Object(
  {
    enabled: enabled(),
    windowSec: seconds(
      600,
      'Longest fit: readings of this many seconds (as far as the core keeps history: polling.historySize samples).',
    ),
    minSpanSec: seconds(
      30,
      'Shortest fit. Windows halve from windowSec down to this, so a sudden rise is seen early.',
    ),
    minSamples: Type.Integer({ minimum: 3, default: 5, description: 'Fewest readings in a fit.' }),
    minSlopeSigmas: Type.Number({
      minimum: 0,
      default: 3,
      description:
        'The rise must be this many standard errors above zero (t-statistic), so sensor noise never predicts a crossing.',
      examples: [3],
    }),
    maxHorizonFactor: Type.Number({
      exclusiveMinimum: 0,
      default: 2,
      description:
        'A fit over S minutes may predict at most S × this ahead: a 5-minute rise says nothing about the next hour.',
      examples: [2],
    }),
    aboveC: Type.Number({
      default: 60,
      description:
        'Predict only at or above this temperature: a cold encoder warming up after power-on levels off.',
      examples: [60],
    }),
    warningWithinMin: positive(20, 'Limit predicted within this many minutes → warning.'),
    criticalWithinMin: positive(
      10,
      'Limit predicted within this many minutes → critical (time to fail over).',
    ),
  },
  { additionalProperties: false, default: {} },
);

/** `temperature`: absolute thresholds plus the predicted crossing of `criticalC`. */
export const TemperatureSection = Type.Object(
  {
    enabled: enabled(),
    warningC: Type.Number({ default: 75, description: 'Reading at or above → warning.', examples: [75] }),
    criticalC: Type.Number({
      default: 85,
      description: 'The limit: reading at or above → critical; the trend predicts when it is reached.',
      examples: [85, 70],
    }),
    trend: TrendSection,
  },
  { additionalProperties: false, default: {} },
);

export type TrendSettings = Static<typeof TrendSection>;
