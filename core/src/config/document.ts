import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { pointerSegments, type ProblemDraft } from './problems.js';

/** A parsed config file that can tell where a JSON Pointer sits in the source text. */
export interface ConfigDocument {
  readonly value: unknown;
  readonly parseProblems: readonly (ProblemDraft & { line: number; column: number })[];
  locate(pointer: string): { line: number; column: number } | undefined;
}

/** Parses YAML (JSON is valid YAML 1.2) keeping positions for error messages. */
export function parseConfigDocument(text: string): ConfigDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const parseProblems = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return {
      path: '',
      line,
      column: col,
      code: 'EM_CONFIG_PARSE',
      message: `not valid YAML/JSON: ${error.message.split('\n')[0]}`,
      fix: 'Fix the syntax at this line (indentation, a missing colon or quote, a duplicate key).',
    };
  });
  return {
    value: parseProblems.length === 0 ? (doc.toJS() ?? {}) : {},
    parseProblems,
    locate: (pointer) => locate(doc, lineCounter, pointer),
  };
}

function locate(doc: Document, lineCounter: LineCounter, pointer: string) {
  const offset = offsetOf(doc.contents, pointerSegments(pointer));
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Start offset of the deepest node along the path: the key itself for map entries, so typos point at the key. */
function offsetOf(root: unknown, segments: readonly string[]): number | undefined {
  let node = root;
  let offset = rangeStart(root);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return offset;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}
