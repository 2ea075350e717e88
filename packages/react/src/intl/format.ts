/**
 * A tiny ICU-like message formatter, enough for yishi's own strings and no more:
 *
 * - `{name}` inserts a value;
 * - `{name, select, a {…} b {…} other {…}}` picks a branch by the value;
 * - `{name, plural, =0 {…} one {# owner} other {# owners}}` picks by exact value, then by
 *   `Intl.PluralRules` category; `#` inside a branch prints the value.
 *
 * Branches may nest. No apostrophe escaping, number skeletons or dates: figures arrive already
 * formatted from the core (exact decimal strings), so the UI never re-rounds them.
 */

export type MessageValue = string | number | bigint;
export type MessageValues = Readonly<Record<string, MessageValue>>;

type Node =
  | { type: 'text'; text: string }
  | { type: 'hash' }
  | { type: 'arg'; name: string }
  | { type: 'select'; name: string; plural: boolean; branches: Map<string, Node[]> };

const cache = new Map<string, Node[]>();

/** Formats `template` with `values`. Unknown placeholders print as `{name}` so a gap is visible, not silent. */
export function formatMessage(template: string, values: MessageValues = {}, locale = 'zh-CN'): string {
  let nodes = cache.get(template);
  if (!nodes) {
    nodes = parse(template);
    cache.set(template, nodes);
  }
  return render(nodes, values, locale, undefined);
}

function render(
  nodes: Node[],
  values: MessageValues,
  locale: string,
  hash: MessageValue | undefined,
): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'hash':
        out += hash === undefined ? '#' : String(hash);
        break;
      case 'arg': {
        const v = values[node.name];
        out += v === undefined ? `{${node.name}}` : String(v);
        break;
      }
      case 'select': {
        const v = values[node.name];
        const branch = node.plural ? pluralBranch(node.branches, v, locale) : selectBranch(node.branches, v);
        if (branch) out += render(branch, values, locale, node.plural ? v : hash);
        break;
      }
      default:
        node satisfies never;
    }
  }
  return out;
}

function selectBranch(branches: Map<string, Node[]>, v: MessageValue | undefined): Node[] | undefined {
  return (v !== undefined ? branches.get(String(v)) : undefined) ?? branches.get('other');
}

function pluralBranch(
  branches: Map<string, Node[]>,
  v: MessageValue | undefined,
  locale: string,
): Node[] | undefined {
  if (v === undefined) return branches.get('other');
  const exact = branches.get(`=${v}`);
  if (exact) return exact;
  const n = Number(v);
  const category = Number.isFinite(n) ? new Intl.PluralRules(locale).select(n) : 'other';
  return branches.get(category) ?? branches.get('other');
}

function parse(src: string): Node[] {
  let i = 0;

  const parseNodes = (inBranch: boolean): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const ch = src[i];
      if (ch === '{') {
        flush();
        i++;
        nodes.push(parseArg());
      } else if (ch === '}') {
        if (!inBranch) throw new SyntaxError(`unbalanced "}" at ${i} in "${src}"`);
        break;
      } else if (ch === '#' && inBranch) {
        flush();
        nodes.push({ type: 'hash' });
        i++;
      } else {
        text += ch;
        i++;
      }
    }
    flush();
    return nodes;
  };

  const readUntil = (stops: string): string => {
    const start = i;
    while (i < src.length && !stops.includes(src[i] as string)) i++;
    return src.slice(start, i).trim();
  };

  const expect = (ch: string) => {
    if (src[i] !== ch) throw new SyntaxError(`expected "${ch}" at ${i} in "${src}"`);
    i++;
  };

  const parseArg = (): Node => {
    const name = readUntil(',}');
    if (!name) throw new SyntaxError(`empty placeholder at ${i} in "${src}"`);
    if (src[i] === '}') {
      i++;
      return { type: 'arg', name };
    }
    expect(',');
    const kind = readUntil(',}');
    if (kind !== 'select' && kind !== 'plural') throw new SyntaxError(`unsupported "${kind}" in "${src}"`);
    expect(',');
    const branches = new Map<string, Node[]>();
    for (;;) {
      const key = readUntil('{}');
      if (src[i] === '}') {
        i++;
        break;
      }
      if (!key) throw new SyntaxError(`branch without a key at ${i} in "${src}"`);
      expect('{');
      branches.set(key, parseNodes(true));
      expect('}');
    }
    if (!branches.has('other')) throw new SyntaxError(`"${name}" needs an "other" branch in "${src}"`);
    return { type: 'select', name, plural: kind === 'plural', branches };
  };

  const nodes = parseNodes(false);
  return nodes;
}
