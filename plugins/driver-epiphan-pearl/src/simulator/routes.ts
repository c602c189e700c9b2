import type { PearlModel } from './model.js';
import { channel, publisherStatus, recorderStatus, storageStatus, systemStatus } from './render.js';

/** An HTTP reply before faults are applied. */
export interface SimReply {
  readonly status: number;
  readonly body: unknown;
}

type Handler = (model: PearlModel, params: string[], query: URLSearchParams) => SimReply;
interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly handle: Handler;
}

const ok = (result?: unknown): SimReply => ({
  status: 200,
  body: result === undefined ? { status: 'ok' } : { status: 'ok', result },
});
const notFound = (message: string): SimReply => ({ status: 404, body: { status: 'notfound', message } });
const ID = '([A-Za-z0-9_-]+)';
const ACTION = '(start|stop)';

function flag(query: URLSearchParams, name: string): boolean {
  return ['true', 'yes', '1'].includes(query.get(name) ?? '');
}

function idFilter(query: URLSearchParams): (id: string) => boolean {
  const ids = query.get('ids');
  if (!ids) return () => true;
  const wanted = new Set(ids.split(','));
  return (id) => wanted.has(id);
}

function withChannel(handle: (model: PearlModel, cid: string, rest: string[]) => SimReply): Handler {
  return (model, [cid = '', ...rest]) =>
    model.layout.channels.some((c) => c.id === cid)
      ? handle(model, cid, rest)
      : notFound(`channel '${cid}' not found`);
}

function withPublisher(handle: (model: PearlModel, cid: string, pid: string, rest: string[]) => SimReply) {
  return withChannel((model, cid, [pid = '', ...rest]) =>
    model.publisher(cid, pid)
      ? handle(model, cid, pid, rest)
      : notFound(`streamer '${pid}' for channel '${cid}' not found`),
  );
}

function withRecorder(handle: (model: PearlModel, rid: string, rest: string[]) => SimReply): Handler {
  return (model, [rid = '', ...rest]) =>
    model.recorder(rid) ? handle(model, rid, rest) : notFound('Recorder not found');
}

/** The REST API v2.0 endpoints the simulator implements (paths after `/api/v2.0`). */
const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/channels$/,
    handle: (model, _params, query) => {
      const flags = {
        publishers: flag(query, 'publishers'),
        status: flag(query, 'publishers-status'),
        settings: flag(query, 'publishers-settings'),
      };
      const wanted = idFilter(query);
      return ok(model.layout.channels.filter((c) => wanted(c.id)).map((c) => channel(model, c, flags)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/channels/${ID}/publishers/status$`),
    handle: withChannel((model, cid) => {
      const ch = model.layout.channels.find((c) => c.id === cid)!;
      return ok(ch.publishers.map((p) => ({ id: p.id, type: p.type, status: publisherStatus(model, p) })));
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/channels/${ID}/publishers/${ID}/status$`),
    handle: withPublisher((model, cid, pid) => ok(publisherStatus(model, model.publisher(cid, pid)!))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/publishers/control/${ACTION}$`),
    handle: withChannel((model, cid, [action]) => {
      const ch = model.layout.channels.find((c) => c.id === cid)!;
      for (const p of ch.publishers) model.control(p, action as 'start' | 'stop');
      return ok();
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/publishers/${ID}/control/${ACTION}$`),
    handle: withPublisher((model, cid, pid, [action]) => {
      model.control(model.publisher(cid, pid)!, action as 'start' | 'stop');
      return ok();
    }),
  },
  {
    method: 'GET',
    pattern: /^\/recorders$/,
    handle: (model) =>
      ok(model.layout.recorders.map((r) => ({ id: r.id, name: r.name, multisource: false }))),
  },
  {
    method: 'GET',
    pattern: /^\/recorders\/status$/,
    handle: (model, _params, query) => {
      const wanted = idFilter(query);
      const list = model.layout.recorders.filter((r) => wanted(r.id));
      return ok(list.map((r) => ({ id: r.id, name: r.name, status: recorderStatus(model, r) })));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/recorders/${ID}/status$`),
    handle: withRecorder((model, rid) => ok(recorderStatus(model, model.recorder(rid)!))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/recorders/control/${ACTION}$`),
    handle: (model, [action], query) => {
      const wanted = idFilter(query);
      for (const r of model.layout.recorders.filter((r) => wanted(r.id)))
        model.control(r, action as 'start' | 'stop');
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/recorders/${ID}/control/${ACTION}$`),
    handle: withRecorder((model, rid, [action]) => {
      model.control(model.recorder(rid)!, action as 'start' | 'stop');
      return ok();
    }),
  },
  { method: 'GET', pattern: /^\/system\/status$/, handle: (model) => ok(systemStatus(model)) },
  {
    method: 'GET',
    pattern: /^\/system\/firmware$/,
    handle: (model) =>
      ok({
        version: '4.24.1',
        revision: '250107_1e4514f',
        product_id: 44,
        product_name: model.layout.productName,
      }),
  },
  { method: 'GET', pattern: /^\/system\/firmware\/version$/, handle: () => ok('4.24.1') },
  {
    method: 'GET',
    pattern: new RegExp(`^/system/storages/${ID}/status$`),
    handle: (model, [stid]) => {
      if (stid === 'main') return ok(storageStatus(model));
      if (stid === 'external' || stid === 'maintenance') return ok({ state: 'nodev' });
      return notFound(`Storage '${stid}' not found`);
    },
  },
  {
    method: 'POST',
    pattern: /^\/system\/control\/reboot$/,
    handle: (model) => {
      model.reboot();
      return ok();
    },
  },
];

/** Answers one API request (path relative to `/api/v2.0`). */
export function route(model: PearlModel, method: string, path: string, query: URLSearchParams): SimReply {
  const matches = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null);
  const match = matches.find((x) => x.r.method === method);
  if (match) return match.r.handle(model, match.m!.slice(1), query);
  if (matches.length > 0)
    return { status: 405, body: { status: 'notallowed', message: `${method} is not allowed here` } };
  return notFound(`${path} not found`);
}
