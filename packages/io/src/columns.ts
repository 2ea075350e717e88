/**
 * The columns of a unit register and of a ballot sheet, with their Chinese headers, and the
 * Chinese spellings of enum values. Lookups go through `Map`s, never plain objects: a cell that
 * reads `constructor` or `__proto__` must stay that text, not find `Object.prototype`'s members.
 */

export interface ColumnSpec {
  key: string;
  names: readonly string[];
  required: boolean;
  /** An identity column (unit id, owner, building…): a U+FFFD in it refuses the file. */
  identity: boolean;
}

/** Chinese spellings of enum values accepted in tables (and shown in messages about them). */
export const CHINESE_VALUES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'choice',
    new Map([
      ['agree', '同意'],
      ['oppose', '反对'],
      ['abstain', '弃权'],
      ['invalid', '无效'],
    ]),
  ],
  [
    'status',
    new Map([
      ['delivered', '已交付'],
      ['unsold', '未售'],
      ['undelivered', '未交付'],
    ]),
  ],
  [
    'channel',
    new Map([
      ['paper', '纸质'],
      ['online', '线上'],
      ['officialPlatform', '官方平台'],
      ['proxy', '委托'],
      ['inPerson', '现场'],
    ]),
  ],
  [
    'areaSource',
    new Map([
      ['register', '登记'],
      ['survey', '实测'],
      ['contract', '合同'],
    ]),
  ],
  [
    'roles',
    new Map([
      ['residentsGroupRepresentative', '居民小组代表'],
      ['residentRepresentative', '居民代表'],
      ['householdRepresentative', '户代表'],
      ['villagerRepresentative', '村民代表'],
      ['buildingGroupLeader', '楼组长'],
      ['residentsGroupLeader', '居民小组长'],
    ]),
  ],
]);

/** Spelling in a table → canonical value, per field: the Chinese values and further aliases. */
const VALUE_ALIASES: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const extra: Record<string, [string, string][]> = {
    choice: [['废票', 'invalid']],
    status: [
      ['未出售', 'unsold'],
      ['已售未交付', 'undelivered'],
    ],
    channel: [
      ['书面', 'paper'],
      ['纸质票', 'paper'],
      ['网络', 'online'],
      ['电子', 'online'],
      ['代理', 'proxy'],
      ['现场投票', 'inPerson'],
    ],
    areaSource: [
      ['不动产登记簿', 'register'],
      ['登记簿', 'register'],
      ['测绘', 'survey'],
      ['实测面积', 'survey'],
      ['合同面积', 'contract'],
    ],
  };
  const out = new Map<string, Map<string, string>>();
  for (const [field, zh] of CHINESE_VALUES) {
    const m = new Map<string, string>();
    for (const [en, z] of zh) m.set(z, en);
    for (const [alias, en] of extra[field] ?? []) m.set(alias, en);
    out.set(field, m);
  }
  return out;
})();

/** A table cell's value as the schema's canonical value ("同意" → "agree"); other text unchanged. */
export function canonicalValue(field: string, raw: string): string {
  return VALUE_ALIASES.get(field)?.get(raw) ?? raw;
}

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'id', names: ['id', '编号', '房号', '房屋编号'], required: true, identity: true },
  { key: 'building', names: ['building', '楼栋', '楼号'], required: true, identity: true },
  { key: 'area', names: ['area', '面积', '专有部分面积', '建筑面积'], required: false, identity: false },
  { key: 'owner', names: ['owner', '业主', '业主编号'], required: true, identity: true },
  { key: 'status', names: ['status', '状态', '交付状态'], required: false, identity: false },
  { key: 'buildingGroup', names: ['buildinggroup', '楼组'], required: false, identity: true },
  { key: 'areaSource', names: ['areasource', '面积来源'], required: false, identity: false },
  { key: 'registerArea', names: ['registerarea', '登记面积'], required: false, identity: false },
  { key: 'surveyArea', names: ['surveyarea', '实测面积'], required: false, identity: false },
  { key: 'contractArea', names: ['contractarea', '合同面积'], required: false, identity: false },
];

export const BALLOT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'owner', names: ['owner', '业主', '业主编号'], required: true, identity: true },
  { key: 'choice', names: ['choice', '表决意见', '意见'], required: true, identity: false },
  { key: 'channel', names: ['channel', '渠道', '表决方式'], required: false, identity: false },
];

/**
 * A resident register (居民名册): one resident per row. 姓名 is a known column (so an office's
 * register need not delete it) that the row builder does not read: residents are keyed by id.
 */
export const RESIDENT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'id', names: ['id', '编号', '身份编号', '居民编号'], required: true, identity: true },
  { key: 'household', names: ['household', '户', '户号', '户编号'], required: true, identity: true },
  { key: 'residentsGroup', names: ['residentsgroup', '居民小组'], required: false, identity: true },
  { key: 'buildingGroup', names: ['buildinggroup', '楼组'], required: false, identity: true },
  { key: 'birthDate', names: ['birthdate', '出生日期'], required: false, identity: false },
  { key: 'adult', names: ['adult', '成年', '是否成年'], required: false, identity: false },
  { key: 'partyMember', names: ['partymember', '党员', '是否党员'], required: false, identity: false },
  { key: 'roles', names: ['roles', '角色', '身份'], required: false, identity: false },
  { key: 'name', names: ['name', '姓名'], required: false, identity: false },
];

/** A villager register (村民名册): one villager per row. 姓名 is recognised and not read. */
export const VILLAGER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'id', names: ['id', '编号', '身份编号', '村民编号'], required: true, identity: true },
  { key: 'household', names: ['household', '户', '户号', '户编号'], required: true, identity: true },
  { key: 'villagersGroup', names: ['villagersgroup', '村民小组'], required: true, identity: true },
  { key: 'birthDate', names: ['birthdate', '出生日期'], required: false, identity: false },
  { key: 'adult', names: ['adult', '成年', '是否成年'], required: false, identity: false },
  { key: 'roles', names: ['roles', '角色', '身份'], required: false, identity: false },
  { key: 'name', names: ['name', '姓名'], required: false, identity: false },
];

/** A member register (成员名单) of one body: one member per row; the body is an option, not a column. */
export const MEMBER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'id', names: ['id', '编号', '成员编号'], required: true, identity: true },
  { key: 'name', names: ['name', '姓名'], required: false, identity: false },
  { key: 'role', names: ['role', '职务'], required: false, identity: false },
  {
    key: 'termStart',
    names: ['termstart', '任期开始', '任期起', '任期起始'],
    required: false,
    identity: false,
  },
  { key: 'termEnd', names: ['termend', '任期结束', '任期止', '任期届满'], required: false, identity: false },
];

/** Columns that hold dates: a date cell or a number typed in a workbook is read as a date. */
export const DATE_COLUMNS: ReadonlySet<string> = new Set(['birthDate', 'termStart', 'termEnd']);

/** Columns that hold areas: a number typed in a workbook is read as an area string. */
export const AREA_COLUMNS: ReadonlySet<string> = new Set([
  'area',
  'registerArea',
  'surveyArea',
  'contractArea',
]);

/** "面积（m²）" → "面积", " Owner " → "owner": headers are matched loosely. */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .normalize('NFC')
    .replace(/\s*[(（][^)）]*[)）]\s*$/u, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}
