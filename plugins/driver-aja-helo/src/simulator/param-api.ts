import type { HeloModel } from '../config.js';
import type { HeloDevice } from './device.js';
import { SIM_PARAMS, type SimParam } from './param-table.js';

/** A reply body with its HTTP status. */
export interface SimReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** How the simulated `/config` answers. */
export interface ParamApiOptions {
  readonly model: HeloModel;
  /** HELO Plus: whether Stream2 runs alongside Stream1. */
  readonly dualStream: boolean;
  /** `string` as encoders.md §2.2 recommends, `number` as the module's mock sends. */
  readonly valueStyle: 'string' | 'number';
}

const bad = (error: string): SimReply => ({ status: 400, body: { error } });

/** `/config?action=get|set` semantics after the module's lyrebird mock: validation, errors, side effects. */
export class ParamApi {
  readonly #settings = new Map<string, number>();

  constructor(
    private readonly device: HeloDevice,
    private readonly options: ParamApiOptions,
  ) {
    device.onRebooted(() => this.#settings.clear());
  }

  /** `action=get`. */
  get(paramId: string): SimReply {
    const param = this.#known(paramId);
    if (!param) return bad(`Parameter ID '${paramId}' not found`);
    const value = this.#valueOf(paramId);
    const valueName = typeof value === 'number' ? (param.names?.[value] ?? String(value)) : value;
    const sent = this.options.valueStyle === 'string' ? String(value) : value;
    return {
      status: 200,
      body: { paramid: param.numericId, name: paramId, value: sent, value_name: valueName },
    };
  }

  /** `action=set`: validated like the mock, then applied. */
  set(paramId: string, rawValue: string | null): SimReply {
    const param = this.#known(paramId);
    if (!param) return bad(`Parameter ID '${paramId}' not found`);
    if (rawValue === null) return bad('Bad request: paramId and value are required');
    if (param.readOnly) return bad('Bad request: this parameter is Read-Only');
    if (!/^-?\d+$/.test(rawValue.trim())) return bad('Bad request: value must be an integer');
    const value = Number.parseInt(rawValue, 10);
    const [min, max] = param.range ?? [0, Number.MAX_SAFE_INTEGER];
    if (value < min || value > max) return bad(`Bad request: value must be ${min} - ${max}`);
    this.#settings.set(paramId, value);
    if (paramId === 'eParamID_ReplicatorCommand') this.device.command(value);
    if (paramId === 'eParamID_Reboot' && !this.device.ignoreCommands) this.device.reboot();
    return { status: 200, body: { success: true } };
  }

  #valueOf(paramId: string): number | string {
    const { device } = this;
    const values: Record<string, () => number | string> = {
      eParamID_ReplicatorRecordState: () => device.record.value,
      eParamID_ReplicatorStreamState: () => device.stream.value,
      eParamID_CurrentMediaAvailable: () => Math.round(device.mediaAvailablePct),
      eParamID_Temperature: () => Math.round(device.thermal.current()),
      eParamID_RecordingDuration: () => device.record.duration(),
      eParamID_StreamingDuration: () => device.stream.duration(),
      eParamID_Stream1_Duration: () => device.stream.duration(),
      eParamID_Stream2_Duration: () => (this.options.dualStream ? device.stream.duration() : '00:00:00:00'),
    };
    return values[paramId]?.() ?? this.#settings.get(paramId) ?? 0;
  }

  #known(paramId: string): SimParam | undefined {
    const param = Object.hasOwn(SIM_PARAMS, paramId) ? SIM_PARAMS[paramId] : undefined;
    return param && (!param.heloPlusOnly || this.options.model === 'helo-plus') ? param : undefined;
  }
}
