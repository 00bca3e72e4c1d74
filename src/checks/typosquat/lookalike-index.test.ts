import { describe, expect, it } from 'vitest';
import { bundledLists } from './__fixtures__/lists.js';
import { LookalikeIndex, lookalikeIndexFor, type Technique } from './index.js';

const index = lookalikeIndexFor(bundledLists());

describe('LookalikeIndex on the bundled top 15,000', () => {
  // Historical and textbook typosquats of real top packages.
  const cases: [string, string, Technique][] = [
    ['reqeusts', 'requests', 'transposition'], // 2017 SK-CSIRT style swap
    ['requets', 'requests', 'omission'],
    ['colourama', 'colorama', 'insertion'], // 2018 colourama clipboard hijacker
    ['tensorfow', 'tensorflow', 'omission'],
    ['tensorflaw', 'tensorflow', 'substitution'],
    ['dateutil', 'python-dateutil', 'affix'], // 2019 python3-dateutil / dateutil confusion
    ['python3-dateutil', 'python-dateutil', 'insertion'],
    ['pythondateutil', 'python-dateutil', 'separators'],
    ['python_dateutil.', 'python-dateutil', 'separators'],
    ['urllib', 'urllib3', 'affix'], // 2017 SK-CSIRT: urllib, urlib3
    ['urlib3', 'urllib3', 'doubled-letters'],
    ['learn-scikit', 'scikit-learn', 'token-order'],
    ['jeIlyfish', 'jellyfish', 'look-alike-glyphs'], // 2019: capital I for l
    ['numpy3', 'numpy', 'affix'],
    ['py-numpy', 'numpy', 'affix'],
    ['pandass', 'pandas', 'doubled-letters'],
    ['matp1otlib', 'matplotlib', 'look-alike-glyphs'],
    ['b0to3', 'boto3', 'look-alike-glyphs'],
  ];
  it.each(cases)('%s looks like %s (%s)', (name, target, technique) => {
    const match = index.find(name);
    expect(match).toMatchObject({ target, technique });
    expect(match?.targetRank).toBe(bundledLists().topPackages.indexOf(target) + 1);
  });

  it('sees through homoglyphs: Cyrillic, Greek and full-width letters', () => {
    expect(index.find('rеquests')).toMatchObject({ target: 'requests', technique: 'confusable-characters', confusableCharacters: true }); // Cyrillic е
    expect(index.find('nυmpy')).toMatchObject({ target: 'numpy', technique: 'confusable-characters' }); // Greek υ
    expect(index.find('ｔｏｒｃｈ')).toMatchObject({ target: 'torch', technique: 'confusable-characters' }); // full-width
    expect(index.find('pаndаs-')).toMatchObject({ target: 'pandas', confusableCharacters: true });
    expect(index.find('requ\u200Bests')).toMatchObject({ target: 'requests', technique: 'confusable-characters' }); // zero-width space
  });

  it('does not flag names that are merely near short or versioned names', () => {
    for (const name of ['sux', 'pyqt7', 'elasticsearch9', 'bpython2', 'xmpy', 'mock2', 'zzzz-unrelated-name', 'torchtriton', 'acme-internal-utils']) {
      expect(index.find(name), name).toBeUndefined();
    }
  });

  it('never compares a top name with itself, and returns the most popular target', () => {
    const small = new LookalikeIndex(['requests', 'request', 'reqests']);
    expect(small.find('requests', 1)).toBeUndefined();
    expect(small.find('reqests')).toMatchObject({ target: 'requests', targetRank: 1 });
    expect(small.rankOf('request')).toBe(2);
    expect(small.rankOf('nope')).toBeUndefined();
  });

  it('with a candidate rank, flags only targets at least minRankRatio times more popular', () => {
    const small = new LookalikeIndex(['aaaa', 'requests', ...Array.from({ length: 30 }, (_, i) => `filler${i}x`), 'requestz']);
    expect(small.find('requestz', 33)).toMatchObject({ target: 'requests' }); // 2 * 10 <= 33
    expect(small.find('requestz', 19)).toBeUndefined();
  });
});
