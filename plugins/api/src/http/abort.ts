import type { ServerResponse } from 'node:http';

/**
 * The request's abort signal, made on first use: only the handlers that pass it on (control, test
 * notifications) pay for an AbortController and a 'close' listener, not every GET.
 */
export function abortOnClose(ctx: { res: ServerResponse }): () => AbortSignal {
  let aborter: AbortController | undefined;
  return () => {
    if (aborter) return aborter.signal;
    const controller = (aborter = new AbortController());
    const gone = () => !ctx.res.writableFinished && controller.abort(new Error('client went away'));
    if (ctx.res.destroyed) gone();
    else ctx.res.once('close', gone);
    return controller.signal;
  };
}
