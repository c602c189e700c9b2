import type { CheckSettings } from './sections.js';

/** A setting combination the schema cannot reject on its own. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

interface Pair {
  readonly path: string;
  readonly lowName: string;
  readonly low: number;
  readonly highName: string;
  readonly high: number;
  /** Whether low may equal high. */
  readonly equalOk?: boolean;
}

/** The first threshold pair in the wrong order, or undefined when all are consistent. */
export function settingsProblem(s: CheckSettings): SettingsProblem | undefined {
  const pairs: Pair[] = [
    pair('temperature', 'warningC', s.temperature.warningC, 'criticalC', s.temperature.criticalC),
    pair(
      'temperature.trend',
      'criticalWithinMin',
      s.temperature.trend.criticalWithinMin,
      'warningWithinMin',
      s.temperature.trend.warningWithinMin,
      true,
    ),
    pair(
      'droppedFrames',
      'warningPerMin',
      s.droppedFrames.warningPerMin,
      'criticalPerMin',
      s.droppedFrames.criticalPerMin,
    ),
    pair(
      'bitrate',
      'warningBelowPct',
      s.bitrate.warningBelowPct,
      'criticalBelowPct',
      s.bitrate.criticalBelowPct,
    ),
    pair('fps', 'warningBelowPct', s.fps.warningBelowPct, 'criticalBelowPct', s.fps.criticalBelowPct),
    pair('cpu', 'warningPct', s.cpu.warningPct, 'criticalPct', s.cpu.criticalPct),
    pair('memory', 'warningPct', s.memory.warningPct, 'criticalPct', s.memory.criticalPct),
    pair(
      'linkErrors',
      'warningCount',
      s.linkErrors.warningCount,
      'criticalCount',
      s.linkErrors.criticalCount,
      true,
    ),
  ];
  const wrong = pairs.find((p) => p.low > p.high || (p.low === p.high && !p.equalOk));
  if (wrong) {
    return {
      path: `${wrong.path}.${wrong.lowName}`,
      message: `${wrong.path}.${wrong.lowName} (${wrong.low}) must be below ${wrong.path}.${wrong.highName} (${wrong.high})`,
      hint: `Lower ${wrong.lowName} or raise ${wrong.highName}.`,
    };
  }
  const spans = [
    {
      path: 'temperature.trend',
      span: s.temperature.trend.minSpanSec,
      window: s.temperature.trend.windowSec,
    },
    { path: 'droppedFrames', span: s.droppedFrames.minSpanSec, window: s.droppedFrames.windowSec },
  ];
  const tooLong = spans.find((entry) => entry.span > entry.window);
  if (tooLong) {
    return {
      path: `${tooLong.path}.minSpanSec`,
      message: `${tooLong.path}.minSpanSec (${tooLong.span}) is longer than ${tooLong.path}.windowSec (${tooLong.window}), so no verdict could ever be made`,
      hint: 'Make minSpanSec at most windowSec.',
    };
  }
  return undefined;
}

function pair(
  path: string,
  lowName: string,
  low: number,
  highName: string,
  high: number,
  equalOk = false,
): Pair {
  return { path, lowName, low, highName, high, equalOk };
}
