/**
 * Writes custom-elements.json (the Custom Elements Manifest, schema 2.1.0) from the element's own source:
 * the class JSDoc (`@summary`, `@event`, `@csspart`, `@cssproperty`), its public reactive properties (every
 * `declare`d field not marked `@internal`) and the event detail types in events.ts. `--check` fails when the
 * committed file differs, so the manifest cannot drift from the code. Module paths name the script the npm package
 * ships (`dist/widget.js`), which declares the class and defines the element.
 *
 * Why not `@custom-elements-manifest/analyzer`: on this element it finds the same attributes, parts and custom
 * properties, but not the events' detail types (it would need them repeated in the JSDoc), nor the attributes'
 * defaults; it lists the element's private render helpers as members; and it brings about 45 packages with its own
 * TypeScript (~5.4, the project's is ~5.9). This script is one file on the project's TypeScript, fast enough for the
 * unit test that holds the committed manifest to the source.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'src/pakta-queue/pakta-queue.ts';
/** The module a page loads, as the npm package ships it: it declares the class and defines the element. */
const SHIPPED = 'dist/widget.js';

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
const text = (c: string | ts.NodeArray<ts.JSDocComment> | undefined) =>
  (typeof c === 'string' ? c : (c?.map((x) => x.text).join('') ?? '')).trim();

export function manifest(): unknown {
  const src = parse(MODULE);
  const cls = src.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === 'PaktaQueue',
  )!;
  const doc = ts.getJSDocCommentsAndTags(cls).find(ts.isJSDoc)!;
  const tags = doc.tags ?? [];
  const tag = (name: string) => tags.filter((t) => t.tagName.text === name).map((t) => text(t.comment));
  /** `name - description` or `[name=default] - description` */
  const split = (s: string) => {
    const m = /^\[?([^\s=\]]+)(?:=([^\]]+))?\]?\s+-\s+([\s\S]*)$/.exec(s)!;
    return { name: m[1]!, ...(m[2] ? { default: m[2] } : {}), description: m[3]!.replace(/\s+/g, ' ') };
  };

  const events = parse('src/events.ts');
  const map = events.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'PaktaEventMap',
  )!;
  const eventType = new Map(
    map.members.map((m) => [(m.name as ts.StringLiteral).text, (m as ts.PropertySignature).type!.getText(events)]),
  );

  const props = cls.members.filter(
    (m): m is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(m) &&
      !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword) &&
      !ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal'),
  );
  const fields = props.map((p) => ({
    name: (p.name as ts.Identifier).text,
    type: p.type!.getText(src),
    description: text(
      ts
        .getJSDocCommentsAndTags(p)
        .filter(ts.isJSDoc)
        .map((d) => text(d.comment))
        .join(' '),
    ),
  }));

  const declaration = { name: 'PaktaQueue', module: SHIPPED };
  return {
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: SHIPPED,
        declarations: [
          {
            kind: 'class',
            name: 'PaktaQueue',
            tagName: tag('tagname')[0],
            customElement: true,
            summary: tag('summary')[0],
            description: text(doc.comment),
            superclass: { name: 'LitElement', package: 'lit' },
            attributes: fields.map((f) => ({
              name: f.name,
              type: { text: f.type },
              default: "''",
              description: f.description,
              fieldName: f.name,
            })),
            members: fields.map((f) => ({
              kind: 'field',
              name: f.name,
              type: { text: f.type },
              default: "''",
              description: f.description,
              attribute: f.name,
            })),
            events: tag('event')
              .map(split)
              .map((e) => ({
                name: e.name,
                type: { text: eventType.get(e.name) ?? 'CustomEvent' },
                description: e.description,
              })),
            cssParts: tag('csspart').map(split),
            cssProperties: tag('cssproperty').map(split),
          },
        ],
        exports: [
          { kind: 'js', name: 'PaktaQueue', declaration },
          { kind: 'custom-element-definition', name: 'pakta-queue', declaration },
        ],
      },
    ],
  };
}

export const MANIFEST_FILE = join(root, 'custom-elements.json');
export const manifestJson = () => `${JSON.stringify(manifest(), null, 2)}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    if (readFileSync(MANIFEST_FILE, 'utf8') !== manifestJson()) {
      console.error('custom-elements.json is out of date: run npm run manifest -w widget');
      process.exit(1);
    }
  } else writeFileSync(MANIFEST_FILE, manifestJson());
}
