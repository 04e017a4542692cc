/**
 * What JSON.parse does not say about a token's JSON: how deep it nests, and which member names an
 * object repeats. One pass, no recursion, so no nesting depth can overflow the stack here.
 */

/** Deeper JSON is refused before anything recurses over it (JSON.stringify would overflow the stack). */
export const maxJsonDepth = 64;

/** At most this many repeated names are reported per part: enough to show the problem. */
const maxRepeatedNames = 5;

export interface JsonShape {
  readonly tooDeep: boolean;
  readonly repeatedNames: readonly string[];
}

interface Frame {
  readonly names?: Set<string>;
  expectName: boolean;
}

/** The member name a JSON string literal spells: `"\u0061lg"` and `"alg"` are the same name. */
function nameOf(literal: string): string {
  if (!literal.includes('\\')) {
    return literal.slice(1, -1);
  }
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal;
  }
}

/** The characters that matter here; everything between them is skipped by the native regex engine. */
const structural = /["{}[\],]/g;

/** Where the string literal opened at `quote` ends (its closing quote), or the text's end when it never closes. */
function stringEnd(text: string, quote: number): number {
  let end = text.indexOf('"', quote + 1);
  while (end >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return end;
    }
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/** Scans JSON `text` (checked by JSON.parse separately; on invalid JSON the answer is best effort). */
export function jsonShape(text: string, maxDepth = maxJsonDepth): JsonShape {
  const stack: Frame[] = [];
  const repeated = new Set<string>();
  structural.lastIndex = 0;
  while (structural.test(text)) {
    const i = structural.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      const frame = stack.at(-1);
      if (frame?.names && frame.expectName) {
        const name = nameOf(text.slice(i, end + 1));
        if (frame.names.has(name) && repeated.size < maxRepeatedNames) {
          repeated.add(name);
        }
        frame.names.add(name);
        frame.expectName = false;
      }
      structural.lastIndex = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? { names: new Set(), expectName: true } : { expectName: false });
      if (stack.length > maxDepth) {
        return { tooDeep: true, repeatedNames: [] };
      }
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else {
      const frame = stack.at(-1);
      if (frame?.names) {
        frame.expectName = true;
      }
    }
  }
  return { tooDeep: false, repeatedNames: [...repeated] };
}

/** How many `"` the text holds. */
function quotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) {
    count++;
  }
  return count;
}

/**
 * The same answer as `jsonShape(text)`, for a text JSON.parse read as `value`, mostly without
 * scanning the text: the depth is walked on the value (without recursion), and when no backslash
 * escapes a quote, each string of the text has its two quotes, so the text repeats no name exactly
 * when it holds as many strings as the value holds names and string values (JSON.parse keeps one
 * member per name, and drops the others' strings). Only then is the text scanned for the names.
 */
export function parsedJsonShape(text: string, value: unknown, maxDepth = maxJsonDepth): JsonShape {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  let strings = 0;
  while (pending.length > 0) {
    const item = pending.pop();
    const depth = depths.pop() ?? 0;
    if (typeof item === 'string') {
      strings++;
    } else if (typeof item === 'object' && item !== null) {
      if (depth >= maxDepth) {
        return { tooDeep: true, repeatedNames: [] };
      }
      const children = Array.isArray(item) ? item : Object.values(item);
      strings += Array.isArray(item) ? 0 : children.length;
      for (const child of children) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return !text.includes('\\') && quotes(text) === 2 * strings ? { tooDeep: false, repeatedNames: [] } : jsonShape(text, maxDepth);
}
