import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const backend = 'http://localhost:3000';
const proxied = ['/api', '/healthz', '/readyz', '/docs', '/openapi.json'];

const CONTRACTS = /[\\/]packages[\\/]contracts[\\/]src[\\/]/;

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** Nodes whose evaluation cannot run code (function bodies are not evaluated at all). */
const INERT = new Set([
  'Literal',
  'Identifier',
  'ArrayExpression',
  'ObjectExpression',
  'Property',
  'TemplateLiteral',
  'TemplateElement',
  'UnaryExpression',
  'ArrowFunctionExpression',
  'FunctionExpression',
]);

/** Whether evaluating `node` may run code: a call, a spread, a property read, … anything but plain data. */
function computes(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(computes);
  if (!node || typeof node !== 'object') return false;
  const { type } = node as Node;
  if (!INERT.has(type)) return true;
  if (type === 'ArrowFunctionExpression' || type === 'FunctionExpression') return false;
  return Object.entries(node).some(([key, value]) => key !== 'parent' && typeof value === 'object' && computes(value));
}

/**
 * The console takes only constants from @anju/contracts at runtime (status lists, permission keys, error texts);
 * the zod schemas are types to it. Each top-level value of a contracts module that is computed (a schema, a shared
 * shape; anything but plain data) is wrapped as `/* @__PURE__ *\/ (() => (value))()`, so tree-shaking drops what the console does
 * not read, and zod with it (about 30 KB gzipped per page). Plain `@__PURE__` on the calls is not enough: rolldown
 * keeps an object spread (`...withVersion`) inside a dropped call as a possible getter call.
 */
function contractsWithoutZod(): Plugin {
  return {
    name: 'anju:contracts-pure-values',
    apply: 'build',
    transform: {
      filter: { id: CONTRACTS },
      handler(code) {
        const ranges: [number, number][] = [];
        for (const statement of this.parse(code).body as unknown as Node[]) {
          const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node) : statement;
          if (declaration?.type === 'VariableDeclaration') {
            for (const { init } of declaration.declarations as { init: Node | null }[]) {
              if (init && computes(init)) ranges.push([init.start, init.end]);
            }
          } else if (declaration?.type === 'ExpressionStatement') {
            const expression = declaration.expression as Node;
            if (computes(expression)) ranges.push([expression.start, expression.end]);
          }
        }
        if (ranges.length === 0) return null;
        let out = code;
        for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
          out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
        }
        return { code: out, map: null };
      },
    },
  };
}

/**
 * antd's form/context (reached by Menu, Modal and Tooltip through ContextIsolator) imports `FormProvider` from the
 * @rc-component/form index, whose module body attaches Field, List, useForm and useWatch to the Form component;
 * that pulls the whole form engine (and async-validator) into the first screen (about 12 KB gzipped). Importing
 * `FormProvider` from the module that defines it, FormContext.js, is the same binding without the rest.
 */
function formProviderDirect(): Plugin {
  return {
    name: 'anju:antd-form-provider-direct',
    apply: 'build',
    enforce: 'pre',
    resolveId: {
      filter: { id: /^@rc-component\/form$/ },
      handler(source, importer) {
        if (!importer || !/[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/.test(importer)) return null;
        return this.resolve(`${source}/es/FormContext.js`, importer, { skipSelf: true });
      },
    },
  };
}

/** A part of an antd component that the console renders rarely or never, loaded with `lazy()` when rendered. */
interface LazyPart {
  /** the antd module importing the part, and its import specifier there */
  importer: RegExp;
  source: string;
  /** JavaScript expression shown while the part loads; `props` are the part's props */
  fallback: string;
  /** named exports the importer also reads, defined here so the part's module is not needed for them */
  named?: string;
}

const LAZY_PARTS: LazyPart[] = [
  // Card's tab bar: only with `tabList`, which the console does not use
  { importer: /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/, source: '../tabs', fallback: 'null' },
  // Table's and List's pager (with the page-size Select): only with `pagination`, which the SLA policy list alone sets
  { importer: /[\\/]antd[\\/]es[\\/]table[\\/]InternalTable\.js$/, source: '../pagination', fallback: 'null' },
  { importer: /[\\/]antd[\\/]es[\\/]list[\\/]index\.js$/, source: '../pagination', fallback: 'null' },
  // Table's virtual body: only with `virtual`, which the console does not use
  { importer: /[\\/]antd[\\/]es[\\/]table[\\/]InternalTable\.js$/, source: './RcTable/VirtualTable', fallback: 'null' },
  // the selection column's menu: only with `rowSelection.selections`, which the console does not use
  {
    importer: /[\\/]antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/,
    source: '../../dropdown',
    fallback: 'null',
  },
  // Table's column filter (Dropdown, Tree, Radio, search Input): only on columns with `filters`; the title shows
  // meanwhile, as the part itself renders it
  {
    importer: /[\\/]antd[\\/]es[\\/]table[\\/]hooks[\\/]useFilter[\\/]index\.js$/,
    source: './FilterDropdown',
    fallback: `createElement('div', { className: props.prefixCls + '-column' },
      createElement('span', { className: props.tablePrefixCls + '-column-title' }, props.children))`,
    named: `export function flattenKeys(filters) {
  const keys = [];
  for (const { value, children } of filters || []) keys.push(value, ...(children ? flattenKeys(children) : []));
  return keys;
}`,
  },
];

/**
 * Table, List and Card import parts that most pages never render: Table its pager (and through it Select), its
 * column-filter dropdown (Tree, Radio, Dropdown), its selection menu (Dropdown) and its virtual body; List its
 * pager; Card its tab bar (Tabs). Every page with a table carried them, about 50 KB gzipped. Each part in LAZY_PARTS
 * is imported by its antd importer through a small module that renders it with `lazy()` inside Suspense, so it is
 * fetched the first time it is rendered (the SLA policy list's filters and pager, today). A new antd version that
 * moves these imports makes the plugin a no-op (the pages grow; check:console-bundle says so), and one that changes
 * a named export fails the build.
 */
function antdLazyParts(): Plugin {
  const PREFIX = '\0anju-lazy-part:';
  return {
    name: 'anju:antd-lazy-parts',
    apply: 'build',
    enforce: 'pre',
    resolveId: {
      filter: { id: new RegExp(`^(${LAZY_PARTS.map((part) => part.source.replace(/[./]/g, '\\$&')).join('|')})$`) },
      async handler(source, importer) {
        if (!importer) return null;
        const index = LAZY_PARTS.findIndex((part) => part.source === source && part.importer.test(importer));
        if (index < 0) return null;
        const resolved = await this.resolve(source, importer, { skipSelf: true });
        return resolved && `${PREFIX}${index}:${resolved.id}`;
      },
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const rest = id.slice(PREFIX.length);
      const colon = rest.indexOf(':');
      const part = LAZY_PARTS[Number(rest.slice(0, colon))];
      const path = rest.slice(colon + 1);
      if (!part) return null;
      return `import { createElement, lazy, Suspense } from 'react';
const Part = lazy(() => import(${JSON.stringify(path)}));
export default function LazyPart(props) {
  return createElement(Suspense, { fallback: ${part.fallback} }, createElement(Part, props));
}
${part.named ?? ''}
`;
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), contractsWithoutZod(), formProviderDirect(), antdLazyParts()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: scripts/check-console-bundle.mjs walks it for each page's static imports
    manifest: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: [
          // contracts modules have no side effects: a page importing one constant does not pull in the rest
          { test: CONTRACTS, sideEffects: false },
          // nor have antd's @rc-component packages (antd itself says so in its package.json; they do not): Table's
          // selection reads two helpers of @rc-component/tree's index, which otherwise brings the whole Tree along
          { test: /node_modules[\\/]@rc-component[\\/]/, sideEffects: false },
        ],
      },
      output: {
        // long-lived vendor chunks cache well across releases; antd stays split per page by usage
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'libs', test: /node_modules[\\/](@tanstack|i18next|react-i18next|dayjs)[\\/]/ },
            // everything else the first screen loads, in one file (one gzip stream compresses better than twenty);
            // `$initial` takes only modules the entry imports statically, so no page code becomes eager
            { name: 'shell', tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
