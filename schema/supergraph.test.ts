import { checkedInSupergraph, composeSupergraph } from './compose';

describe('supergraph', () => {
  it('is up to date with the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(checkedInSupergraph()).toBe(composeSupergraph());
  });

  it('joins Jongere from all five subgraphs and Regio from all five', () => {
    const sdl = checkedInSupergraph();
    const typeBlock = (name: string) => sdl.slice(sdl.indexOf(`type ${name}\n`), sdl.indexOf('{', sdl.indexOf(`type ${name}\n`)));
    for (const graph of ['BASIS', 'ONDERWIJS', 'DOORSTROOM', 'PARTICIPATIE', 'ZORG']) {
      expect(typeBlock('Jongere')).toContain(`@join__type(graph: ${graph}, key: "bsn")`);
      expect(typeBlock('Regio')).toContain(`@join__type(graph: ${graph}, key: "code")`);
    }
  });
});
