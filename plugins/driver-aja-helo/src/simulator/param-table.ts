import { RECORD_STATES, STREAM_STATES } from '../params.js';

/** How the simulated HELO treats one parameter. */
export interface SimParam {
  /** The numeric id the device puts in `paramid` (only RecordState's is from the doc; the rest are made up). */
  readonly numericId: string;
  readonly readOnly?: boolean;
  /** Writable integer range, inclusive. */
  readonly range?: readonly [number, number];
  /** Enum texts for `value_name`. */
  readonly names?: Readonly<Record<number, string>>;
  readonly heloPlusOnly?: boolean;
}

const enumNames = (table: Readonly<Record<number, { name: string }>>) =>
  Object.fromEntries(Object.entries(table).map(([value, info]) => [value, info.name]));

/** The parameters the simulator knows; others answer 400 "Parameter ID '…' not found" as the mock does. */
export const SIM_PARAMS: Readonly<Record<string, SimParam>> = {
  eParamID_ReplicatorCommand: { numericId: '2097225227', range: [0, 5] },
  eParamID_ReplicatorRecordState: {
    numericId: '2097225226',
    readOnly: true,
    names: enumNames(RECORD_STATES),
  },
  eParamID_ReplicatorStreamState: {
    numericId: '2097225228',
    readOnly: true,
    names: enumNames(STREAM_STATES),
  },
  eParamID_CurrentMediaAvailable: { numericId: '2097225230', readOnly: true },
  eParamID_Temperature: { numericId: '2097225231', readOnly: true },
  eParamID_RecordingDuration: { numericId: '2097225232', readOnly: true },
  eParamID_StreamingDuration: { numericId: '2097225233', readOnly: true },
  eParamID_Stream1_Duration: { numericId: '2097225234', readOnly: true, heloPlusOnly: true },
  eParamID_Stream2_Duration: { numericId: '2097225235', readOnly: true, heloPlusOnly: true },
  eParamID_Reboot: { numericId: '2097225236', range: [1, 1] },
  eParamID_AVMute: { numericId: '2097225237', range: [0, 1] },
  eParamID_VideoInSelect: {
    numericId: '2097225238',
    range: [0, 2],
    names: { 0: 'SDI', 1: 'HDMI', 2: 'Test Pattern' },
  },
  eParamID_BeerGoggles: {
    numericId: '2097225239',
    range: [0, 1],
    names: { 0: 'No Beer...', 1: 'Beer Thirty!' },
  },
};
