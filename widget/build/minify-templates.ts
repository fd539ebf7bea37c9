/**
 * A build plugin that shrinks the static parts of Lit's `html`, `svg` and `css` tagged templates (indentation
 * and line breaks), which no minifier touches because template text is data. Expressions are left alone.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

function minifyHtml(s: string): string {
  return s.replace(/>\s*\n\s*</g, '><').replace(/\s*\n\s*/g, ' ');
}

function minifyCss(s: string): string {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function minifyTemplates(source: string, fileName = 'x.ts'): string {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(html|svg|css)$/.test(node.tag.text)) {
      const fn = node.tag.text === 'css' ? minifyCss : minifyHtml;
      const t = node.template;
      const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t]
        : [t.head, ...t.templateSpans.map((s) => s.literal)];
      for (const p of parts) {
        const start = p.getStart(sf);
        const end = p.getEnd();
        const raw = source.slice(start, end);
        // strip the delimiters: ` or } at the start, ` or ${ at the end
        const open = 1;
        const close = raw.endsWith('${') ? 2 : 1;
        const inner = raw.slice(open, raw.length - close);
        const out = fn(inner);
        if (out !== inner) edits.push({ start: start + open, end: end - close, text: out });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export default function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'pakta-minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      return { code: minifyTemplates(code, id), map: null };
    },
  };
}
