import { describe, expect, it } from 'vitest';
import { isFazhiError, type LoadedRubric } from '@fazhi/core';
import { AUTO, RubricSelector, UNKNOWN_NOTE, parseRubricMap, presetFor } from './rubric-auto.js';

// a stand-in loader: records what was loaded, gives each argument its own "sha256"
function fakeLoader() {
  const calls: string[] = [];
  const load = (arg: string): LoadedRubric => {
    calls.push(arg);
    return { rubric: { id: arg.replace(/\.yaml$/, '') } as LoadedRubric['rubric'], sha256: `sha-${arg}`, file: arg, chain: [arg] };
  };
  return { calls, load };
}

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isFazhiError(e) ? `${e.code} ${e.message}` : String(e);
  }
  return 'no error';
};

describe('presetFor', () => {
  it('maps unit types to the built-in presets', () => {
    expect(presetFor('township')).toBe('township');
    expect(presetFor('department')).toBe('department');
    for (const l of ['county', 'city', 'province']) expect(presetFor(l)).toBe('county');
    expect(presetFor('unknown')).toBe('township');
    expect(presetFor(null)).toBe('township');
  });
});

describe('parseRubricMap', () => {
  it('reads key=value pairs, trimming spaces', () => {
    expect(parseRubricMap('township=my-county.yaml, department = dept.yaml')).toEqual({ township: 'my-county.yaml', department: 'dept.yaml' });
    expect(parseRubricMap(undefined)).toEqual({});
  });
  it('rejects unknown keys, repeated keys, missing values and an empty map, naming the valid keys', () => {
    const bad = codeOf(() => parseRubricMap('village=x.yaml'));
    expect(bad).toMatch(/^E_BAD_OPTION .*village.*township/);
    expect(codeOf(() => parseRubricMap('township=a.yaml,township=b.yaml'))).toMatch(/^E_BAD_OPTION .*两次/);
    expect(codeOf(() => parseRubricMap('township='))).toMatch(/^E_BAD_OPTION .*缺少/);
    expect(codeOf(() => parseRubricMap('township'))).toMatch(/^E_BAD_OPTION/);
    expect(codeOf(() => parseRubricMap(' , '))).toMatch(/^E_BAD_OPTION .*为空/);
  });
});

describe('RubricSelector', () => {
  it('auto: picks by unit type, loads each rubric once, notes an unknown unit type', () => {
    const { calls, load } = fakeLoader();
    const s = new RubricSelector(AUTO, {}, load);
    expect(calls).toEqual([]); // built-ins are loaded when first needed
    expect(s.forLevel('department').loaded.rubric.id).toBe('department');
    expect(s.forLevel('department').note).toBeUndefined();
    expect(s.forLevel('county').loaded.rubric.id).toBe('county');
    expect(s.forLevel('township').loaded.rubric.id).toBe('township');
    const u = s.forLevel('unknown');
    expect(u.loaded.rubric.id).toBe('township');
    expect(u.note).toBe(UNKNOWN_NOTE);
    expect(s.forLevel('city')).toMatchObject({ loaded: { rubric: { id: 'county' } }, note: expect.stringContaining('县级细则') });
    expect(calls).toEqual(['department', 'county', 'township']);
    expect(s.loadedRubrics().map((l) => l.rubric.id)).toEqual(['department', 'county', 'township']);
    expect(s.bySha('sha-county')?.rubric.id).toBe('county');
  });

  it('auto with a map: the mapped rubric replaces the preset, and is loaded up front', () => {
    const { calls, load } = fakeLoader();
    const s = RubricSelector.fromOptions(undefined, 'township=my-county.yaml,county=c.yaml', load);
    expect(calls).toEqual(['my-county.yaml', 'c.yaml']);
    expect(s.forLevel('township').loaded.file).toBe('my-county.yaml');
    expect(s.forLevel('unknown').loaded.file).toBe('my-county.yaml');
    expect(s.forLevel('province').loaded.file).toBe('c.yaml');
    expect(s.forLevel('department').loaded.file).toBe('department');
  });

  it('a fixed rubric is used for every report, with no note, loaded up front', () => {
    const { calls, load } = fakeLoader();
    const s = new RubricSelector('township', {}, load);
    expect(calls).toEqual(['township']);
    expect(s.auto).toBe(false);
    for (const l of ['department', 'county', 'unknown']) expect(s.forLevel(l)).toEqual({ loaded: expect.objectContaining({ file: 'township' }) });
  });

  it('a map with a fixed rubric is a usage error', () => {
    const { load } = fakeLoader();
    expect(codeOf(() => RubricSelector.fromOptions('township', 'department=d.yaml', load))).toMatch(/^E_BAD_OPTION .*--rubric auto/);
  });
});
