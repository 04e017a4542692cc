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

/** Scans JSON `text` (checked by JSON.parse separately; on invalid JSON the answer is best effort). */
export function jsonShape(text: string, maxDepth = maxJsonDepth): JsonShape {
  const stack: Frame[] = [];
  const repeated = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) {
        end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      }
      const frame = stack.at(-1);
      if (frame?.names && frame.expectName) {
        const name = nameOf(text.slice(i, end + 1));
        if (frame.names.has(name) && repeated.size < maxRepeatedNames) {
          repeated.add(name);
        }
        frame.names.add(name);
        frame.expectName = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? { names: new Set(), expectName: true } : { expectName: false });
      if (stack.length > maxDepth) {
        return { tooDeep: true, repeatedNames: [] };
      }
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const frame = stack.at(-1);
      if (frame?.names) {
        frame.expectName = true;
      }
    }
    i++;
  }
  return { tooDeep: false, repeatedNames: [...repeated] };
}
