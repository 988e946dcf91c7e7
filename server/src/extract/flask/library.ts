/**
 * flask-cors: CORS(app, ...), CORS().init_app(app, ...), @cross_origin(...), the CORS_* config keys,
 * turned into policies with flask-cors's own semantics.
 *
 * Verified against corydolphin/flask-cors flask_cors/core.py, extension.py, decorator.py at tags 3.0.10,
 * 4.0.x, 5.0.x and 6.0.2 (the origin logic is the same in all of them):
 * - options = DEFAULT_OPTIONS < app.config CORS_* (read when init_app runs; per request for the decorator)
 *   < CORS() kwargs < init_app kwargs < the `resources` dict entry's options.
 * - defaults: origins '*', methods GET HEAD POST OPTIONS PUT PATCH DELETE, allow_headers '*',
 *   expose_headers None, supports_credentials False, max_age None, send_wildcard False, vary_header True,
 *   automatic_options True, resources '/*', intercept_exceptions True, always_send True
 *   (+ allow_private_network False since 5.0).
 * - '*' becomes the regex '.*'; an origin string containing any of * \ ] ? $ ^ [ ( ) is a regex and is
 *   tried with re.match (anchored at the start only) ignoring case; other strings compare case-insensitively.
 * - with '.*' in origins and send_wildcard False the request's Origin is echoed, with or without
 *   supports_credentials; send_wildcard True sends '*' (with supports_credentials it raises at start-up).
 * - Vary: Origin is added (vary_header True) unless ACAO is '*', only when there are several origins or
 *   one of them is a regex: a single plain origin gets no Vary.
 * - methods are upper-cased; unknown option names are only logged.
 *
 * Here: one policy per declaration, or per entry of its `resources` option. The parts: corsDecls.ts
 * (where flask-cors is applied), corsOptions.ts (option levels and which wins), corsConfig.ts (CORS_*
 * config keys), corsPolicy.ts (effective options to a policy).
 */
import type { Expr } from '../../code/index.js';
import { APP_SCOPE, routeScope, type Ctx, type LibMeta } from './ctx.js';
import { effective, emptyLayer, KNOWN_OPTIONS, readPairs } from './corsOptions.js';
import { configEvents, configLayer } from './corsConfig.js';
import { findDecls } from './corsDecls.js';
import { emitPolicy } from './corsPolicy.js';

export function extractLibrary(ctx: Ctx): void {
  if (!ctx.corsNames.size && !ctx.crossNames.size && !ctx.corsModules.size && !ctx.flask) return;
  const decls = findDecls(ctx);
  if (!decls.length) return;
  const events = configEvents(ctx);
  let configUnknownReported = false;
  for (const d of decls) {
    const cfg = configLayer(events, d.configBefore);
    const layers = [cfg, ...d.layers];
    const callUnknown = [...(configUnknownReported ? [] : cfg.unknown), ...d.layers.flatMap((l) => l.unknown)];
    configUnknownReported = true;
    const declSpan = d.call.span;
    if (d.kind === 'decorator') {
      emitPolicy(ctx, layers, d.scope ?? APP_SCOPE, declSpan, d.kind, callUnknown, d.call);
      continue;
    }
    let res = effective(layers, 'resources');
    if (res.kind === 'unknown' && effective(d.layers, 'resources').kind === 'default') {
      // Config loaded from elsewhere could hold CORS_RESOURCES; we assume it does not (options given
      // in code still win over CORS_* config, except inside a CORS_RESOURCES dict).
      res = { kind: 'default' };
    }
    let first = true;
    const unknownOnce = () => {
      const u = first ? callUnknown : [];
      first = false;
      return u;
    };
    if (res.kind === 'default') {
      emitPolicy(ctx, layers, APP_SCOPE, declSpan, d.kind, unknownOnce(), d.call);
    } else if (res.kind === 'unknown') {
      const opaque = emptyLayer();
      opaque.opaque = true;
      emitPolicy(ctx, [...layers, opaque], APP_SCOPE, declSpan, d.kind, unknownOnce(), undefined);
    } else {
      const v = res.value;
      const text = (e: Expr) => ctx.text.slice(e.span.start, e.span.end);
      if (v.k === 'map') {
        for (const p of v.entries) {
          if (p.key === undefined) continue;
          const ov = p.value;
          const rl = emptyLayer();
          let insert: LibMeta['insertInto'];
          if (ov.k === 'map') {
            readPairs(ctx, ov, rl, KNOWN_OPTIONS.filter((o) => o !== 'resources'));
            insert = ov.at;
          } else rl.opaque = true;
          const scope = p.key === '*' || p.key === '/*' ? APP_SCOPE : routeScope(p.key, p.entry.span);
          emitPolicy(ctx, [...layers, rl], scope, p.entry.span, d.kind, [...unknownOnce(), ...rl.unknown], insert);
        }
        if (v.open) ctx.notes.push('resources dict with ** entries: those resources are not modelled');
      } else {
        let label: string;
        if (v.k === 'str') label = v.value;
        else if (v.k === 'regex') label = v.pattern;
        else if (v.k === 'list') label = v.items.map((i) => (i.k === 'str' ? i.value : text(i.at))).join(', ');
        else label = text(res.ref);
        const scope = label === '*' || label === '/*' ? APP_SCOPE : routeScope(label);
        const opaque = emptyLayer();
        opaque.opaque = !(v.k === 'str' || v.k === 'list' || v.k === 'regex');
        emitPolicy(ctx, [...layers, opaque], scope, declSpan, d.kind, unknownOnce(), d.call);
      }
    }
  }
}
