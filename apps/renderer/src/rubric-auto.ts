// `--rubric auto` (the default of batch, check, score and demo): each report is scored with the
// built-in rubric for its unit type, read by the reader from the report itself
// (`doc.meta.adminLevel`): township → township, department → department, county/city/province →
// county, unknown → township (with a note on the card). `--rubric-map township=my.yaml,…` puts a
// county's own rubric in place of a preset. An explicit `--rubric ID|PATH` works exactly as before.
import { FazhiError, type AdminLevel, type LoadedRubric } from '@fazhi/core';

export const AUTO = 'auto';

/** Keys `--rubric-map` accepts. */
export const MAP_KEYS = ['township', 'department', 'county', 'city', 'province'] as const;
export type MapKey = (typeof MAP_KEYS)[number];
export type RubricMap = Partial<Record<MapKey, string>>;

/** The built-in preset for a unit type. */
export function presetFor(level: AdminLevel | string | null | undefined): 'township' | 'department' | 'county' {
  if (level === 'department') return 'department';
  if (level === 'county' || level === 'city' || level === 'province') return 'county';
  return 'township';
}

export const UNKNOWN_NOTE = '未能判断单位类型，按乡镇细则评分';

const LEVEL_NAMES: Record<string, string> = { city: '市级', province: '省级' };

/**
 * Parses `township=my-county.yaml,department=dept.yaml`. Unknown or repeated keys and empty values
 * are usage errors (E_BAD_OPTION) that name the valid keys.
 */
export function parseRubricMap(spec: string | undefined): RubricMap {
  const map: RubricMap = {};
  if (spec === undefined) return map;
  const keys = MAP_KEYS.join('、');
  const parts = String(spec)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) {
    throw new FazhiError('E_BAD_OPTION', `--rubric-map 为空：请写成 单位类型=细则，例如 --rubric-map township=my-county.yaml（单位类型：${keys}）`);
  }
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(MAP_KEYS as readonly string[]).includes(key)) {
      throw new FazhiError(
        'E_BAD_OPTION',
        `--rubric-map 中的单位类型“${key}”无法识别：只能是 ${keys}，例如 --rubric-map township=my-county.yaml,department=department`,
      );
    }
    if (!value) throw new FazhiError('E_BAD_OPTION', `--rubric-map 中 ${key}= 后面缺少细则文件或内置 id，例如 ${key}=my-county.yaml`);
    if (map[key as MapKey] !== undefined) throw new FazhiError('E_BAD_OPTION', `--rubric-map 中 ${key} 出现了两次：每种单位类型只能指定一个细则`);
    map[key as MapKey] = value;
  }
  return map;
}

export interface RubricChoice {
  loaded: LoadedRubric;
  /** Said on the card (`notes`) and in the terminal when the choice needs explaining. */
  note?: string;
}

/**
 * Picks and loads (once each) the rubric for a report's unit type. With a fixed rubric every
 * report gets that one. Rubrics are loaded lazily, except `--rubric-map` files, which are loaded
 * at construction so that a broken county rubric fails before any report is read.
 */
export class RubricSelector {
  readonly auto: boolean;
  private readonly byArg = new Map<string, LoadedRubric>();

  constructor(
    readonly spec: string = AUTO,
    readonly map: RubricMap = {},
    // Required (callers pass core's loadRubric, or a cached one): no static reference to the
    // loader here keeps YAML parsing and the rubric's zod schemas out of `fazhi check`'s chunks.
    private readonly load: (arg: string) => LoadedRubric,
  ) {
    this.auto = spec === AUTO;
    if (!this.auto && Object.keys(map).length > 0) {
      throw new FazhiError('E_BAD_OPTION', `--rubric-map 只能与 --rubric auto（默认）同用；现在 --rubric 是 ${spec}，请去掉其中一个`);
    }
    if (this.auto) for (const v of Object.values(map)) this.get(v!);
    else this.get(spec);
  }

  /** `--rubric` and `--rubric-map` as given on the command line. */
  static fromOptions(rubric: string | undefined, rubricMap: string | undefined, load: (arg: string) => LoadedRubric): RubricSelector {
    return new RubricSelector(rubric ?? AUTO, parseRubricMap(rubricMap), load);
  }

  private get(arg: string): LoadedRubric {
    let l = this.byArg.get(arg);
    if (!l) {
      l = this.load(arg);
      this.byArg.set(arg, l);
    }
    return l;
  }

  /** The rubric argument (id or path) used for a unit type. */
  argFor(level: AdminLevel | string | null | undefined): string {
    if (!this.auto) return this.spec;
    const lv = level ?? 'unknown';
    if (lv === 'city' || lv === 'province') return this.map[lv] ?? this.map.county ?? 'county';
    const preset = presetFor(lv);
    return this.map[preset] ?? preset;
  }

  forLevel(level: AdminLevel | string | null | undefined): RubricChoice {
    const loaded = this.get(this.argFor(level));
    if (!this.auto) return { loaded };
    const lv = level ?? 'unknown';
    if (lv === 'unknown') return { loaded, note: UNKNOWN_NOTE };
    if ((lv === 'city' || lv === 'province') && !this.map[lv]) {
      return { loaded, note: `${LEVEL_NAMES[lv]}报告没有专用的内置细则，按县级细则评分` };
    }
    return { loaded };
  }

  /** Every rubric loaded so far, in loading order. */
  loadedRubrics(): LoadedRubric[] {
    const seen = new Set<string>();
    return [...this.byArg.values()].filter((l) => !seen.has(l.sha256) && seen.add(l.sha256));
  }

  /** A rubric this selector has loaded, by its sha256. */
  bySha(sha256: string): LoadedRubric | undefined {
    return [...this.byArg.values()].find((l) => l.sha256 === sha256);
  }
}
