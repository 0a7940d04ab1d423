import { makeResidentId } from '@gisurg/clinical';
import type { Rng } from './random.js';

/**
 * Synthetic Chinese identities for demo and test data (never real people): common surnames weighted
 * roughly by frequency (including polyphonic 曾/单/解 and compound 欧阳/司马 so search is exercised),
 * given names by sex, Zhejiang addresses with their GB/T 2260 county codes, valid 身份证 numbers.
 */
const SURNAMES =
  '王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴吴周周徐徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈沈姚卢姜崔钟谭陆汪汪范金石廖夏方邹孟秦江薛顾毛钱钱严戴孔汤单解';
const COMPOUND = ['欧阳', '司马', '诸葛', '上官'];
const MALE_GIVEN = '伟强磊军勇杰涛明超亮建国华平刚辉斌鹏飞宇浩俊峰志文荣德林海波晨阳东';
const FEMALE_GIVEN = '芳娜敏静丽艳娟霞秀英玲红梅琳雪颖慧洁婷燕萍兰春凤琴云倩月佳乐';

export const AREAS: readonly { code: string; name: string }[] = [
  { code: '330102', name: '浙江省杭州市上城区' },
  { code: '330105', name: '浙江省杭州市拱墅区' },
  { code: '330106', name: '浙江省杭州市西湖区' },
  { code: '330108', name: '浙江省杭州市滨江区' },
  { code: '330109', name: '浙江省杭州市萧山区' },
  { code: '330110', name: '浙江省杭州市余杭区' },
  { code: '330111', name: '浙江省杭州市富阳区' },
  { code: '330112', name: '浙江省杭州市临安区' },
  { code: '330122', name: '浙江省杭州市桐庐县' },
  { code: '330127', name: '浙江省杭州市淳安县' },
  { code: '330182', name: '浙江省杭州市建德市' },
  { code: '330203', name: '浙江省宁波市海曙区' },
  { code: '330302', name: '浙江省温州市鹿城区' },
  { code: '330402', name: '浙江省嘉兴市南湖区' },
  { code: '330502', name: '浙江省湖州市吴兴区' },
  { code: '330602', name: '浙江省绍兴市越城区' },
  { code: '330702', name: '浙江省金华市婺城区' },
  { code: '330802', name: '浙江省衢州市柯城区' },
  { code: '331002', name: '浙江省台州市椒江区' },
  { code: '331102', name: '浙江省丽水市莲都区' },
  { code: '340102', name: '安徽省合肥市瑶海区' },
  { code: '360102', name: '江西省南昌市东湖区' },
];

const STREETS = [
  '解放路',
  '庆春路',
  '文三路',
  '凤起路',
  '延安路',
  '中山路',
  '人民路',
  '建设路',
  '文化路',
  '新华路',
  '环城北路',
  '江南大道',
];

export interface SyntheticPerson {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  address: string;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function syntheticName(rng: Rng, sex: 'male' | 'female'): string {
  const surname = rng.chance(0.02) ? rng.pick(COMPOUND) : rng.pick([...SURNAMES]);
  const pool = [...(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN)];
  const given = rng.chance(0.35) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
  return surname + given;
}

/**
 * A synthetic person. GI cancers: men about 1.6 : 1, ages mostly 45–85 (mean about 63), as in
 * hospital-based series; `today` anchors the age.
 */
export function syntheticPerson(rng: Rng, today: string, opts: { sex?: 'male' | 'female'; meanAge?: number } = {}): SyntheticPerson {
  const sex = opts.sex ?? (rng.chance(0.62) ? 'male' : 'female');
  const age = Math.round(rng.normal(opts.meanAge ?? 63, 11, 22, 92));
  const year = Number(today.slice(0, 4)) - age;
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  const area = rng.pick(AREAS);
  const idNumber = makeResidentId({ areaCode: area.code, birthDate, sequence: rng.int(0, 999), sex });
  const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const address = `${area.name}${rng.pick(STREETS)}${rng.int(1, 399)}号${rng.int(1, 30)}幢${rng.int(101, 2402)}室`;
  return { name: syntheticName(rng, sex), sex, birthDate, idNumber, phone, address };
}
