/**
 * Internationalised top-level domains in their Unicode form (IANA root zone: country-code IDN
 * TLDs and the common generic ones), lower case. Their `xn--` forms are recognised separately.
 */
const LIST = `
  рф рус бел укр қаз срб мкд мон бг ею ελ ευ გე հայ
  中国 中國 香港 台湾 台灣 澳門 澳门 新加坡 한국 ไทย
  भारत भारतम् भारोत বাংলা ভারত ভাৰত ਭਾਰਤ ભારત இந்தியா இலங்கை சிங்கப்பூர் భారత్ ಭಾರತ ഭാരതം ලංකා ଭାରତ
  السعودية امارات مصر ایران قطر الاردن المغرب تونس الجزائر عمان فلسطين سورية سودان عراق البحرين
  موريتانيا يمن مليسيا پاکستان بھارت ڀارت
  公司 网络 在线 网址 商城 网店 中文网 移动 我爱你 集团 机构 组织机构 游戏 企业 信息 商店 商标 政务 公益
  健康 八卦 时尚 微博 手机 购物 网站 娱乐 广东 佛山 慈善 珠宝 家電 書籍 通販 新闻 中信 联通 天主教
  닷컴 닷넷 삼성
  онлайн сайт орг ком дети москва католик
  संगठन कॉम नेट
  العرب موقع شبكة بيتك بازار عرب كاثوليك همراه ابوظبي
  קום
  みんな コム 世界 ストア ポイント クラウド セール ファッション
`;

export const IDN_TLDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** Length in UTF-16 units of the longest of them. */
export const IDN_TLD_MAX = Math.max(...[...IDN_TLDS].map((t) => t.length));
