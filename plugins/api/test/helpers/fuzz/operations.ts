/** A JSON Schema as the OpenAPI document carries it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One operation of the OpenAPI document: what the fuzzer needs to aim requests at it. */
export interface Operation {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path template, `/api/v1/encoders/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { readonly name: string; readonly schema: JsonSchema }[];
  readonly body?: JsonSchema;
}

interface Parameter {
  name: string;
  in: string;
  schema: JsonSchema;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

/** Every operation of an OpenAPI 3.1 document (as served at /api/v1/openapi.json), in document order. */
export function operationsOf(document: {
  paths: Record<string, Record<string, OperationObject>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map(({ name, schema }) => ({ name, schema })),
        ...(operation.requestBody ? { body: operation.requestBody.content['application/json'].schema } : {}),
      };
    }),
  );
}
