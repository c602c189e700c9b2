import { Type, type TSchema } from '@sinclair/typebox';

/** Epoch milliseconds, as everywhere in the agent. */
export const EpochMs = Type.Integer({ minimum: 0, description: 'Epoch milliseconds.' });

export const Labels = Type.Record(Type.String(), Type.String(), {
  description: 'Labels such as site, room, uplink.',
});

/** RFC 9457 problem details, with field errors for 400s. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Stable EM_… error code when the cause has one.' })),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
  },
  { additionalProperties: true, $id: 'Problem' },
);

/** `limit` and `cursor` for every list. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Items per page.' }),
  cursor: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'nextCursor of the previous page.' }),
  ),
};

/** A page of items; `nextCursor` is absent on the last page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.String()) });
}

export const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' });
export const IdParams = Type.Object({ id: Id });
export const NoContent = Type.Null({ description: 'No body.' });
export const Empty = Type.Object({});
export const AnyObject = Type.Object({}, { additionalProperties: true });
