import { StringEnum, Type, type Static } from '@encoder-manager/sdk';
import { enabled, percent, positive, seconds } from './fields.js';
import { TemperatureSection } from './temperature-section.js';

/** `reachability`: the encoder answers its driver's poll. */
export const ReachabilitySection = Type.Object(
  {
    enabled: enabled(),
    severity: StringEnum(['warning', 'critical'], {
      default: 'critical',
      description: 'Status reported while the encoder does not answer.',
    }),
  },
  { additionalProperties: false, default: {} },
);

/** `outputs`: outputs that should be on air are on air. */
export const OutputsSection = Type.Object(
  {
    enabled: enabled(),
    expectActive: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description:
        'Output ids that must always be active (e.g. the 24/7 channel stream). Idle → critical. Use an override to set them per encoder.',
      examples: [['stream']],
    }),
    learnFromHistory: Type.Boolean({
      default: true,
      description:
        'Also expect an output that was active earlier in the recent sample history (polling.historySize samples); idle → warning.',
    }),
    startingTimeoutSec: seconds(30, 'An output still starting or stopping after this long → warning.'),
  },
  { additionalProperties: false, default: {} },
);

/** `droppedFrames`: frames lost per minute, from the cumulative droppedFrames counter. */
export const DroppedFramesSection = Type.Object(
  {
    enabled: enabled(),
    windowSec: seconds(60, 'The rate is measured over the samples of this many seconds.'),
    minSpanSec: seconds(
      30,
      'No verdict until the readings span at least this long (a lone burst is not a rate).',
    ),
    warningPerMin: positive(30, 'Dropped frames per minute for warning (30/min ≈ 1.7 % of 29.97 fps).'),
    criticalPerMin: positive(120, 'Dropped frames per minute for critical (120/min ≈ 6.7 % of 29.97 fps).'),
  },
  { additionalProperties: false, default: {} },
);

/** `bitrate`: each output's measured bitrate against the bitrate it should send. */
export const BitrateSection = Type.Object(
  {
    enabled: enabled(),
    expectedKbps: Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), {
      default: {},
      description: 'Expected kbit/s per output id. Outputs without an expected rate are not judged.',
      examples: [{ stream: 4500 }],
    }),
    windowSec: seconds(30, 'Average over this many seconds; judged once readings cover half of it.'),
    warningBelowPct: percent(20, 'Average this many percent below expected → warning.'),
    criticalBelowPct: percent(50, 'Average this many percent below expected → critical.'),
  },
  { additionalProperties: false, default: {} },
);

/** `fps`: the encoder's frame rate against the rate it should produce, while an output is active. */
export const FpsSection = Type.Object(
  {
    enabled: enabled(),
    expectedFps: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: 'Nominal frame rate. Without it fps is not judged.',
        examples: [29.97],
      }),
    ),
    windowSec: seconds(30, 'Average over this many seconds; judged once readings cover half of it.'),
    warningBelowPct: percent(5, 'Average this many percent below expected → warning (29.97 → 28.5).'),
    criticalBelowPct: percent(15, 'Average this many percent below expected → critical (29.97 → 25.5).'),
  },
  { additionalProperties: false, default: {} },
);

/** `cpu` and `memory`: a percentage gauge averaged over a window. */
export const GaugeSection = Type.Object(
  {
    enabled: enabled(),
    windowSec: seconds(60, 'Average over this many seconds (0 = latest reading only).', 0),
    warningPct: percent(85, 'Average at or above → warning.'),
    criticalPct: percent(95, 'Average at or above → critical.'),
  },
  { additionalProperties: false, default: {} },
);

/** `linkErrors`: reconnections / link errors counted over a window. */
export const LinkErrorsSection = Type.Object(
  {
    enabled: enabled(),
    windowSec: seconds(300, 'Errors are counted over this many seconds.'),
    warningCount: Type.Integer({
      minimum: 1,
      default: 1,
      description: 'This many new errors in the window → warning.',
    }),
    criticalCount: Type.Integer({
      minimum: 1,
      default: 5,
      description: 'This many new errors in the window → critical.',
    }),
  },
  { additionalProperties: false, default: {} },
);

/** Every check's section, by config key. */
export const SECTIONS = {
  reachability: ReachabilitySection,
  outputs: OutputsSection,
  droppedFrames: DroppedFramesSection,
  bitrate: BitrateSection,
  fps: FpsSection,
  temperature: TemperatureSection,
  cpu: GaugeSection,
  memory: GaugeSection,
  linkErrors: LinkErrorsSection,
} as const;

/** The settings every check reads, fully defaulted, for one encoder. */
export interface CheckSettings {
  readonly reachability: Static<typeof ReachabilitySection>;
  readonly outputs: Static<typeof OutputsSection>;
  readonly droppedFrames: Static<typeof DroppedFramesSection>;
  readonly bitrate: Static<typeof BitrateSection>;
  readonly fps: Static<typeof FpsSection>;
  readonly temperature: Static<typeof TemperatureSection>;
  readonly cpu: Static<typeof GaugeSection>;
  readonly memory: Static<typeof GaugeSection>;
  readonly linkErrors: Static<typeof LinkErrorsSection>;
}

export type GaugeSettings = Static<typeof GaugeSection>;
export type { TrendSettings } from './temperature-section.js';
