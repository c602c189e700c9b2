import { protocolError } from '@encoder-manager/sdk';
import type { StatusFormat } from './variants.js';

/** One channel of a GetStatus reply: HD `RECORD`/`STREAM`, HDX/LCS `ENC1`/`ENC2`. */
export interface MonarchChannel {
  readonly id: 'record' | 'stream' | 'enc1' | 'enc2';
  /** RTMP, RTSP, RECORD, NONE or DISABLED (HD's record channel is always RECORD). */
  readonly mode: string;
  /** ON, READY, DISABLED (LCS also OFF). */
  readonly state: string;
}

/** A parsed GetStatus reply. */
export interface MonarchStatus {
  readonly format: StatusFormat;
  readonly channels: readonly MonarchChannel[];
  readonly name: string;
  /** LCS only. */
  readonly fileTransfer?: string;
}

const WORD = /^[A-Z][A-Z0-9_]*$/;
const LAYOUTS: Readonly<Record<StatusFormat, string>> = {
  hd: 'RECORD,STREAM',
  hdx: 'ENC1,ENC2',
  lcs: 'ENC1,ENC2,FILETRANSFER',
};

/**
 * Parses `RECORD: READY, STREAM:RTMP,READY, NAME:DEVICE1` (HD, NVS-30), `ENC1:RECORD,ON, ENC2:RTSP,READY,
 * NAME:DEVICE2` (HDX) and `ENC1:…,ENC2:…,FILETRANSFER:ON,NAME:…` (LCS). Unlike the module's greedy
 * regexes, fields are split on commas and NAME takes the rest of the line, so a name keeps its spaces and
 * commas. Throws EM_DRIVER_PROTOCOL, quoting the reply, for any other shape.
 */
export function parseGetStatus(reply: string): MonarchStatus {
  const text = reply.trim();
  if (text.startsWith('<')) {
    throw protocolError(
      'GetStatus answered with markup (older firmware or an error page), not a status line',
      reply,
    );
  }
  const nameMatch = /(?:^|,)\s*NAME\s*:(.*)$/s.exec(text);
  if (!nameMatch) throw protocolError('GetStatus reply has no NAME field', reply);
  const fields = splitFields(text.slice(0, nameMatch.index), reply);
  const format = formatOf(fields, reply);
  const name = nameMatch[1]!.trim();
  if (format === 'hd') {
    const [record] = values(fields, 'RECORD', 1, reply);
    return {
      format,
      name,
      channels: [
        { id: 'record', mode: 'RECORD', state: record! },
        channel(fields, 'STREAM', 'stream', reply),
      ],
    };
  }
  const channels = [channel(fields, 'ENC1', 'enc1', reply), channel(fields, 'ENC2', 'enc2', reply)];
  if (format === 'hdx') return { format, name, channels };
  return { format, name, channels, fileTransfer: values(fields, 'FILETRANSFER', 1, reply)[0]! };
}

// `KEY:value` starts a field; following comma-separated words belong to it (`STREAM:RTMP,READY`).
function splitFields(text: string, reply: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const token of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = token.indexOf(':');
    const word = colon < 0 ? token : token.slice(colon + 1).trim();
    if (colon >= 0) fields.set(token.slice(0, colon).trim(), (current = []));
    if (!current || !WORD.test(word))
      throw protocolError(`GetStatus reply has an unexpected part "${token}"`, reply);
    current.push(word);
  }
  return fields;
}

function formatOf(fields: Map<string, string[]>, reply: string): StatusFormat {
  const layout = [...fields.keys()].join(',');
  const format = (Object.keys(LAYOUTS) as StatusFormat[]).find((key) => LAYOUTS[key] === layout);
  if (!format) {
    throw protocolError(
      `GetStatus fields are ${layout || 'missing'}; expected RECORD,STREAM (HD), ENC1,ENC2 (HDX) or ENC1,ENC2,FILETRANSFER (LCS), then NAME`,
      reply,
    );
  }
  return format;
}

function values(fields: Map<string, string[]>, key: string, count: number, reply: string): string[] {
  const found = fields.get(key) ?? [];
  if (found.length !== count) {
    throw protocolError(`GetStatus ${key} has ${found.length} value(s), expected ${count}`, reply);
  }
  return found;
}

function channel(
  fields: Map<string, string[]>,
  key: string,
  id: MonarchChannel['id'],
  reply: string,
): MonarchChannel {
  const [mode, state] = values(fields, key, 2, reply);
  return { id, mode: mode!, state: state! };
}
