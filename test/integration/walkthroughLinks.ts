// The command links of a walkthrough step's description, read as VS Code reads them: its own
// pattern for links in walkthrough text (vs/base/common/linkedText.ts), then the command URI's
// query as a URL-encoded JSON array of arguments. Shared by the unit and integration suites.

const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

export interface CommandLink {
  readonly label: string;
  readonly uri: string;
  readonly command: string;
  readonly args: unknown[];
}

/** Every link of `description`; throws on a link that is not a command or whose arguments are not a JSON array. */
export function commandLinks(description: string): CommandLink[] {
  return [...description.matchAll(LINK)].map((m) => {
    const uri = m[2]!;
    if (!uri.startsWith('command:')) throw new Error(`${uri} is not a command link`);
    const [command, query] = uri.slice('command:'.length).split('?');
    const args: unknown = query === undefined ? [] : JSON.parse(decodeURIComponent(query));
    if (!Array.isArray(args)) throw new Error(`${uri}: the arguments are not a JSON array`);
    return { label: m[1]!, uri, command: command!, args };
  });
}
