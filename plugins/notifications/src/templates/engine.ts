import Handlebars from 'handlebars';
import { errorMessageOf, type Logger, type TemplateSettings } from '@encoder-manager/sdk';
import type { TemplateContext } from './context.js';
import { defaultTemplate, type TemplateSources } from './defaults.js';

/** A rendered message body. */
export interface RenderedParts {
  readonly subject: string;
  readonly text: string;
  readonly html: string | undefined;
}

type Compiled = (context: TemplateContext) => string;

/**
 * Renders messages with Handlebars in strict mode (a misspelt field fails instead of rendering blank).
 * Station overrides are tried first, looked up by (event type, channel), then (event type, `default`),
 * (`default`, channel) and (`default`, `default`); fields an override leaves out come from the built-in
 * template. A failing override is logged with `EM_NOTIFY_TEMPLATE_FAILED` and the built-in is used.
 */
export class TemplateEngine {
  readonly #hb = Handlebars.create();
  readonly #cache = new Map<string, Compiled>();
  #failures = 0;

  constructor(
    private readonly overrides: () => readonly TemplateSettings[],
    private readonly log: Logger,
  ) {}

  /** Renders failed since start; each was replaced by the built-in template. */
  get failures(): number {
    return this.#failures;
  }

  render(ctx: TemplateContext): RenderedParts {
    const builtIn = partsFor(defaultTemplate(ctx.eventType), ctx.channel);
    const override = this.#findOverride(ctx.eventType, ctx.channel);
    if (override) {
      try {
        return this.#renderParts(
          {
            subject: override.subject ?? builtIn.subject,
            text: override.text ?? builtIn.text,
            html: override.html ?? builtIn.html,
          },
          ctx,
        );
      } catch (error) {
        this.#report(error, `${override.eventType}/${override.channel}`, ctx);
      }
    }
    try {
      return this.#renderParts(builtIn, ctx);
    } catch (error) {
      this.#report(error, `built-in ${ctx.eventType}/${ctx.channel}`, ctx);
      return { subject: ctx.title, text: `${ctx.title}\n\nNotification ${ctx.id}\n`, html: undefined };
    }
  }

  #findOverride(eventType: string, channel: string): TemplateSettings | undefined {
    const all = this.overrides();
    for (const [e, c] of [
      [eventType, channel],
      [eventType, 'default'],
      ['default', channel],
      ['default', 'default'],
    ]) {
      const found = all.find((t) => t.eventType === e && t.channel === c);
      if (found) return found;
    }
    return undefined;
  }

  #renderParts(
    parts: { subject: string; text: string; html: string | undefined },
    ctx: TemplateContext,
  ): RenderedParts {
    return {
      subject: this.#compile(parts.subject, false)(ctx).replace(/\s+/g, ' ').trim(),
      text: this.#compile(parts.text, false)(ctx),
      html: parts.html === undefined ? undefined : this.#compile(parts.html, true)(ctx),
    };
  }

  #compile(source: string, escape: boolean): Compiled {
    const key = `${escape ? 'h' : 't'}:${source}`;
    let compiled = this.#cache.get(key);
    if (!compiled) {
      compiled = this.#hb.compile<TemplateContext>(source, { strict: true, noEscape: !escape });
      this.#cache.set(key, compiled);
    }
    return compiled;
  }

  #report(error: unknown, template: string, ctx: TemplateContext): void {
    this.#failures += 1;
    this.log.error(
      { code: 'EM_NOTIFY_TEMPLATE_FAILED', template, notification: ctx.id, err: error },
      `template ${template} failed (${errorMessageOf(error)}); sent the built-in template instead`,
    );
  }
}

function partsFor(
  sources: TemplateSources,
  channel: string,
): { subject: string; text: string; html: string | undefined } {
  return {
    subject: sources.subject,
    text: sources.text,
    html: channel === 'telegram' ? sources.telegram : sources.html,
  };
}

/** A syntax error in a template source, or undefined; used to refuse bad overrides up front. */
export function templateSyntaxError(source: string): string | undefined {
  try {
    Handlebars.parse(source);
    return undefined;
  } catch (error) {
    return errorMessageOf(error);
  }
}
