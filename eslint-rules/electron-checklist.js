// The part of Electron's security checklist that code can show, as lint rules (README, "Electron
// security checklist"). eslint.config.js says which files each applies to; the presence rules
// there name the files that must hold a handler, so removing one fails lint, not just review.
// tests/unit/eslint-rules/electron-checklist.test.ts flips each option in the real files and sees it fail.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** A property's key as a string, if it is a plain one. */
function keyName(node) {
  if (!node || node.computed) return undefined;
  if (node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'Literal' && typeof node.key.value === 'string') return node.key.value;
  return undefined;
}

/** The name a call is made by: `f(…)` → f, `a.b.f(…)` → f. */
function calleeName(call) {
  const c = call.callee;
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

/** Every node below `node` (not crossing into nested functions when `shallow`). */
function* descendants(node, shallow = false) {
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    const value = node[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!child || typeof child.type !== 'string') continue;
      yield child;
      if (shallow && /Function/.test(child.type)) continue;
      yield* descendants(child, shallow);
    }
  }
}

/** `node` and everything below it. */
const within = (node) => [node, ...descendants(node)];

const isFunction = (node) => node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression');

/** What a function can return: its expression body, or the argument of each of its own returns. */
function returnedValues(fn) {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  return [...descendants(fn.body, true)].filter((n) => n.type === 'ReturnStatement').map((r) => r.argument);
}

const projectPath = (context) => relative(context.cwd, context.filename).split('\\').join('/');

/** Literal values webPreferences must have, and values they must not. */
const REQUIRED_PREFS = { contextIsolation: true, sandbox: true, nodeIntegration: false };
const FORBIDDEN_PREFS = {
  webSecurity: (v) => v !== true,
  allowRunningInsecureContent: (v) => v !== false,
  experimentalFeatures: (v) => v !== false,
  enableBlinkFeatures: () => true,
  webviewTag: (v) => v !== false,
  nodeIntegrationInSubFrames: (v) => v !== false,
  nodeIntegrationInWorker: (v) => v !== false,
};
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

const secureWebPreferences = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'webPreferences: contextIsolation, sandbox on; Node, webview, insecure content and experimental features off',
    },
    schema: [],
  },
  create(context) {
    function checkPrefs(prefs) {
      if (prefs.type !== 'ObjectExpression') {
        context.report({
          node: prefs,
          message: 'webPreferences must be an object literal, so its security options can be checked',
        });
        return;
      }
      const values = new Map();
      for (const p of prefs.properties) {
        const name = p.type === 'Property' ? keyName(p) : undefined;
        if (name === undefined) {
          context.report({
            node: p,
            message: 'webPreferences may not spread or compute keys: every security option must be visible here',
          });
          continue;
        }
        values.set(name, p.value);
      }
      for (const [name, want] of Object.entries(REQUIRED_PREFS)) {
        const v = values.get(name);
        if (!v || v.type !== 'Literal' || v.value !== want)
          context.report({ node: v ?? prefs, message: `webPreferences.${name} must be the literal ${want}` });
      }
      for (const [name, bad] of Object.entries(FORBIDDEN_PREFS)) {
        const v = values.get(name);
        if (v && (v.type !== 'Literal' || bad(v.value)))
          context.report({
            node: v,
            message: `webPreferences.${name} must be absent or its safe literal value (checklist)`,
          });
      }
    }
    return {
      NewExpression(node) {
        if (node.callee.type !== 'Identifier' || !WINDOW_CLASSES.has(node.callee.name)) return;
        const options = node.arguments[0];
        const prefs =
          options?.type === 'ObjectExpression'
            ? options.properties.find((p) => p.type === 'Property' && keyName(p) === 'webPreferences')
            : undefined;
        if (!prefs)
          context.report({
            node,
            message: `new ${node.callee.name}() needs a literal webPreferences object (contextIsolation, sandbox, nodeIntegration)`,
          });
      },
      Property(node) {
        if (keyName(node) === 'webPreferences' && node.parent.type === 'ObjectExpression') checkPrefs(node.value);
      },
    };
  },
};

const openExternalChecked = {
  meta: {
    type: 'problem',
    docs: {
      description: 'shell.openExternal only in the allowed files, only with a parameter of the checked link type',
    },
    schema: [
      {
        type: 'object',
        properties: {
          files: { type: 'array', items: { type: 'string' } },
          brand: { type: 'string' },
          brandFiles: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { files = [], brand = 'HttpsLink', brandFiles = [] } = context.options[0] ?? {};
    const here = projectPath(context);
    const isBrand = (t) =>
      t?.type === 'TSTypeReference' && t.typeName.type === 'Identifier' && t.typeName.name === brand;
    function checkedParameter(arg) {
      if (
        arg?.type !== 'MemberExpression' ||
        arg.computed ||
        arg.property.name !== 'href' ||
        arg.object.type !== 'Identifier'
      )
        return false;
      for (let scope = context.sourceCode.getScope(arg); scope; scope = scope.upper) {
        const variable = scope.set.get(arg.object.name);
        if (!variable) continue;
        const def = variable.defs[0];
        return def?.type === 'Parameter' && isBrand(def.name.typeAnnotation?.typeAnnotation);
      }
      return false;
    }
    return {
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier' || node.property.name !== 'openExternal') return;
        if (!files.includes(here)) {
          context.report({ node, message: `shell.openExternal only in ${files.join(', ')}, behind its https check` });
          return;
        }
        const call = node.parent.type === 'CallExpression' && node.parent.callee === node ? node.parent : undefined;
        if (!call || !checkedParameter(call.arguments[0]))
          context.report({
            node,
            message: `shell.openExternal must be called with \`link.href\`, link a parameter typed ${brand} (made only by the https check)`,
          });
      },
      Property(node) {
        if (node.parent.type === 'ObjectPattern' && keyName(node) === 'openExternal')
          context.report({
            node,
            message: 'do not destructure openExternal: call shell.openExternal where the rule can see it',
          });
      },
      TSAsExpression(node) {
        if (isBrand(node.typeAnnotation) && !brandFiles.includes(here))
          context.report({ node, message: `only ${brandFiles.join(', ')} may make a ${brand}` });
      },
    };
  },
};

const denyByDefault = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'permission handlers answer only with the allow-list function or false; window.open handlers always deny',
    },
    schema: [{ type: 'object', properties: { allow: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const { allow = 'permissionAllowed' } = context.options[0] ?? {};
    const isDecision = (node) =>
      (node?.type === 'Literal' && node.value === false) ||
      (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === allow);
    const decisionMessage = `must answer with ${allow}(…) or false: deny by default`;
    return {
      CallExpression(node) {
        const name = calleeName(node);
        const handler = node.arguments[0];
        if (name === 'setPermissionRequestHandler') {
          const callback = isFunction(handler) ? handler.params[2] : undefined;
          if (callback?.type !== 'Identifier')
            return context.report({
              node,
              message: 'setPermissionRequestHandler needs an inline handler whose third parameter is the callback',
            });
          const calls = within(handler.body).filter(
            (n) => n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === callback.name,
          );
          if (calls.length === 0 || calls.some((c) => !isDecision(c.arguments[0])))
            context.report({ node, message: `the permission request handler ${decisionMessage}` });
        } else if (name === 'setPermissionCheckHandler' || name === 'setDevicePermissionHandler') {
          if (!isFunction(handler) || returnedValues(handler).some((v) => !isDecision(v)))
            context.report({ node, message: `${name}'s handler ${decisionMessage}` });
        } else if (name === 'setWindowOpenHandler') {
          const denies = (v) =>
            v?.type === 'ObjectExpression' &&
            v.properties.some(
              (p) =>
                p.type === 'Property' &&
                keyName(p) === 'action' &&
                p.value.type === 'Literal' &&
                p.value.value === 'deny',
            );
          if (!isFunction(handler) || returnedValues(handler).some((v) => !denies(v)))
            context.report({ node, message: "setWindowOpenHandler's handler must always return { action: 'deny' }" });
        }
      },
    };
  },
};

const requiredHandlers = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'the file installs the listed event handlers (each calling preventDefault where listed) and makes the listed calls',
    },
    schema: [
      {
        type: 'object',
        properties: {
          events: { type: 'array', items: { type: 'string' } },
          preventDefault: { type: 'array', items: { type: 'string' } },
          calls: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { events = [], preventDefault = [], calls = [] } = context.options[0] ?? {};
    const seenEvents = new Map();
    const seenCalls = new Set();
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name) seenCalls.add(name);
        const [event, listener] = node.arguments;
        if (name === 'on' && event?.type === 'Literal' && typeof event.value === 'string')
          seenEvents.set(event.value, listener);
      },
      'Program:exit'(program) {
        for (const event of events) {
          const listener = seenEvents.get(event);
          if (!listener)
            context.report({
              node: program,
              message: `this file must handle '${event}' (Electron security checklist)`,
            });
          else if (
            preventDefault.includes(event) &&
            !(
              isFunction(listener) &&
              within(listener.body).some((n) => n.type === 'CallExpression' && calleeName(n) === 'preventDefault')
            )
          )
            context.report({ node: listener, message: `the '${event}' handler must call event.preventDefault()` });
        }
        for (const call of calls)
          if (!seenCalls.has(call))
            context.report({ node: program, message: `this file must call ${call}() (Electron security checklist)` });
      },
    };
  },
};

/** The CSP's directives from the HTML's meta tag, as a map of name → sources. */
function metaCsp(html) {
  const meta = /<meta\s[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  const content = meta && /content\s*=\s*"([^"]*)"/i.exec(meta)?.[1];
  if (!content) return undefined;
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

const rendererCsp = {
  meta: {
    type: 'problem',
    docs: { description: "the renderer's HTML carries a strict CSP, and the file serving it sends one as a header" },
    schema: [
      { type: 'object', properties: { html: { type: 'string' } }, required: ['html'], additionalProperties: false },
    ],
  },
  create(context) {
    const { html } = context.options[0];
    let header = false;
    return {
      Property(node) {
        if (keyName(node) === 'content-security-policy') header = true;
      },
      'Program:exit'(program) {
        if (!header)
          context.report({
            node: program,
            message: 'the renderer must be served with a content-security-policy header',
          });
        let text;
        try {
          text = readFileSync(resolve(context.cwd, html), 'utf8');
        } catch {
          return context.report({ node: program, message: `${html} is missing` });
        }
        const csp = metaCsp(text);
        if (!csp)
          return context.report({ node: program, message: `${html} must carry a Content-Security-Policy meta tag` });
        const problems = [];
        const script = csp.get('script-src') ?? csp.get('default-src');
        if (!csp.get('default-src')?.every((s) => s === "'self'" || s === "'none'"))
          problems.push("default-src must be 'self' or 'none'");
        if (!script) problems.push('no script-src');
        else if (
          script.some((s) =>
            ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(s.toLowerCase()),
          )
        )
          problems.push(`script-src allows ${script.join(' ')}`);
        if (csp.get('object-src')?.join(' ') !== "'none'") problems.push("object-src must be 'none'");
        for (const p of problems) context.report({ node: program, message: `${html}'s CSP: ${p}` });
      },
    };
  },
};

export default {
  meta: { name: 'tandem-electron' },
  rules: {
    'secure-web-preferences': secureWebPreferences,
    'open-external-checked': openExternalChecked,
    'deny-by-default': denyByDefault,
    'required-handlers': requiredHandlers,
    'renderer-csp': rendererCsp,
  },
};
