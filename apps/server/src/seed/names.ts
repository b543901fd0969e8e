import type { Rng } from './prng.ts';

/**
 * Name pools for generated officers. Surnames are weighted roughly by their frequency in northern China; given names
 * are common ones of the 1960s–2000s. All generated people are fictional.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10], ['李', 9], ['张', 9], ['刘', 8], ['杨', 5], ['赵', 5], ['陈', 4], ['孙', 4], ['高', 3], ['马', 3],
  ['郭', 3], ['田', 2], ['周', 2], ['吴', 2], ['徐', 2], ['朱', 2], ['胡', 2], ['董', 2], ['郑', 2], ['宋', 2],
  ['韩', 2], ['冯', 2], ['于', 2], ['曹', 2], ['许', 1], ['邓', 1], ['石', 1], ['谢', 1], ['梁', 1], ['贾', 1],
  ['魏', 1], ['唐', 1], ['崔', 1], ['杜', 1], ['任', 1], ['姚', 1], ['范', 1], ['付', 1], ['白', 1], ['常', 1],
  ['程', 1], ['苏', 1], ['孟', 1], ['齐', 1], ['闫', 1], ['侯', 1], ['邢', 1], ['薛', 1], ['方', 1], ['袁', 1],
  ['史', 1], ['蔡', 1], ['彭', 1], ['丁', 1], ['康', 1], ['尹', 1], ['申', 1], ['安', 1], ['左', 1], ['欧阳', 0.2],
];

const MALE_1 = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩', '凯', '健', '俊', '帅', '旭', '宁', '龙', '林', '阳', '峰', '亮', '东', '岩', '锋', '博'];
const MALE_2 = ['建国', '建军', '志强', '志刚', '海涛', '振华', '国庆', '永亮', '晓东', '文博', '子轩', '浩然', '宏伟', '立新', '春雷', '海龙', '建华', '宝山', '东升', '文涛', '晓光', '立军', '永强', '金龙', '俊杰', '明轩', '嘉豪', '红军', '卫东', '志勇', '国华', '学军', '长青', '树林', '春生'];
const FEMALE_1 = ['敏', '静', '丽', '艳', '娟', '霞', '燕', '娜', '丹', '玲', '婷', '雪', '琳', '颖', '倩', '洁', '慧', '佳', '莹', '晶', '红', '梅', '萍', '芳', '蕾'];
const FEMALE_2 = ['秀英', '桂兰', '丽娜', '晓燕', '海燕', '雅琪', '欣怡', '思雨', '佳琪', '梦瑶', '春梅', '淑芬', '文静', '晓丽', '雪梅', '亚楠', '慧敏', '婷婷', '静怡', '晓红', '丽娟', '玉霞', '秀兰', '艳玲', '美玲', '诗涵', '雨欣', '紫涵', '凤英', '建红'];

export function personName(rng: Rng, gender: 'M' | 'F'): string {
  const surname = rng.weighted(SURNAMES);
  const two = rng.chance(0.55);
  const given = gender === 'M' ? (two ? rng.pick(MALE_2) : rng.pick(MALE_1)) : two ? rng.pick(FEMALE_2) : rng.pick(FEMALE_1);
  return surname + given;
}

/** Mainland mobile prefixes (China Mobile, Unicom, Telecom). */
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

/** An 11-digit mobile number shaped like a real one; drawn from the PRNG, so it belongs to nobody in particular. */
export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A Qinhuangdao landline (area code 0335, 7-digit local number). */
export function landline(rng: Rng): string {
  return `0335-${rng.int(3, 8)}${rng.digits(6)}`;
}

/** Real street names of the three county-level units (house numbers are made up). */
export const STREETS: Record<string, readonly string[]> = {
  '130300': ['海港区河北大街西段', '海港区建设大街', '海港区文化路', '海港区秦皇西大街', '海港区迎宾路', '海港区燕山大街'],
  '130302': ['海港区河北大街中段', '海港区文化路', '海港区建国路', '海港区民族路', '海港区红旗路'],
  '130304': ['北戴河区西经路', '北戴河区保二路', '北戴河区联峰路', '北戴河区海宁路'],
  '130322': ['昌黎县碣阳大街', '昌黎县民生路', '昌黎县新兴路', '昌黎县东环路'],
};
