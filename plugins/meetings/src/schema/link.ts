import { Type } from '@encoder-manager/sdk';
import { DEFAULTS } from './defaults.js';

/** Maps a body to the ingest stream that must be live while its meetings run. */
export const LinkSchema = Type.Object(
  {
    body: Type.String({
      minLength: 1,
      description: 'Body name as stored (case-insensitive).',
      examples: ['City Council'],
    }),
    city: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only meetings of this city (when several cities share a body name).',
      }),
    ),
    stream: Type.String({
      minLength: 1,
      description: 'Stream as the ingest reports it in `stream.state` (`app/name`).',
      examples: ['live/council'],
    }),
    channel: Type.Optional(
      Type.String({ minLength: 1, description: 'Channel label added to check results.' }),
    ),
    preRollMin: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 240,
        default: DEFAULTS.preRollMin,
        description: 'Minutes before the start when the stream must be up.',
      }),
    ),
    postRollMin: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 240,
        default: DEFAULTS.postRollMin,
        description: 'Minutes after the end it must stay up.',
      }),
    ),
    startEncoder: Type.Optional(
      Type.Object(
        {
          encoder: Type.String({ minLength: 1, description: 'Encoder id of an enabled driver.' }),
          output: Type.String({
            minLength: 1,
            description: 'Output id to start at pre-roll.',
            examples: ['stream'],
          }),
        },
        { additionalProperties: false, description: 'Start this encoder output at pre-roll.' },
      ),
    ),
  },
  { additionalProperties: false },
);
