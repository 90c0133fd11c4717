/**
 * Words around a digit run that say "this is a phone number" (strong: call, tel, WhatsApp …;
 * weak: number, numéro …) or "this is some other kind of number" (order, invoice, tracking …),
 * per language. Looked up word by word in sets, so checking a window costs a few hash lookups
 * rather than a regex alternation of hundreds of words at every position.
 */

export type WordClass = 'strong' | 'weak' | 'exclude';

interface Language {
  regions: readonly string[];
  strong: readonly string[];
  weak?: readonly string[];
  exclude: readonly string[];
}

/** Whitespace-separated lower-case words; '_' joins the two words of a phrase. */
function words(list: string): readonly string[] {
  return list
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' '));
}

// Two-word entries are matched as phrases. Words of scripts written without spaces (Chinese,
// Japanese) are matched as substrings.
const LANGUAGES: Record<string, Language> = {
  en: {
    regions: ['US', 'GB', 'IN', 'AU', 'SG', 'MY', 'NZ', 'IE', 'ZA'],
    strong: words(`
      call calls called calling phone phones phoned tel tele telephone mobile mob cell
      cellphone whatsapp whats_app wa text_me txt sms reach_me fax ring_me ring_us dial
      hotline landline viber telegram helpline contact contacts handphone ph_no phone_no text
      texts imessage signal_me voicemail
    `),
    weak: words(`number numbers no num hp ph reach ring`),
    exclude: words(`
      order orders invoice invoices inv ticket tickets case ref reference tracking track
      shipment parcel package consignment awb waybill isbn issn iban account accounts acct
      serial sn imei sku model part pin otp zip zipcode postcode postal_code pnr booking
      confirmation reservation transaction txn receipt id policy claim license licence
      registration vin batch lot build version ver kb patent ssn tax vat abn gst aadhaar
      aadhar routing swift sort_code bsb ifsc bug issue item product asin upc ean barcode
      voucher coupon promo card roll employee error errno code member membership customer cust
      passport flight seat room page chapter rev commit pr job request req incident rma po
      contract loan cheque uid pid port ip epoch timestamp isbn-10 isbn-13 pan nric mileage
      odometer population score postal invoice_no ticket_no order_no user_id account_no bank
      sortcode consumer meter subscription views downloads subscribers followers total sum count
      revenue balance amount budget salary price cost hits visits likes plays streams votes points
      users installs utr rrn arn docket challan gstin cin uan epf esic folio tin ein
    `),
  },
  de: {
    regions: ['DE', 'AT', 'CH'],
    strong: words(`
      telefon tel handy erreichbar anrufen anruf ruf ruft rufen mobil rufnummer festnetz
      kontakt telefonisch whatsapp melden
    `),
    weak: words(`nummer nr`),
    exclude: words(`
      bestellung auftrag rechnung sendung paket konto blz bic artikel plz postleitzahl vorgang
      aktenzeichen az steuer-id ust-id ustid kundennr bestellnr lieferung lieferschein vertrag
      versicherung ausweis seriennr buchung fahrgestell modell produkt kennung aufrufe
      summe betrag preis gesamt einwohner
    `),
  },
  fr: {
    regions: ['FR', 'BE', 'CH', 'CA'],
    strong: words(`
      appelez appelle appeler appelez-moi appel téléphone telephone tél tel portable joindre
      contactez contacter fixe mobile whatsapp tèl
    `),
    weak: words(`numéro numero no n° nº`),
    exclude: words(`
      commande facture suivi colis dossier référence reference réf ref compte code_postal
      siret siren billet réservation série serie client contrat sécu sécurité_sociale tva rib
      vues montant prix habitants
    `),
  },
  es: {
    regions: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE'],
    strong: words(`
      llámame llamame llámanos llamanos llamar llama llame llámenos teléfono telefono móvil
      movil celular cel contacto contáctame contactame contáctanos whatsapp wasap guasap tlf
      tfno telf
    `),
    weak: words(`número numero núm nro`),
    exclude: words(`
      pedido factura seguimiento envío envio paquete cuenta referencia código codigo
      expediente boleto dni nif cif cuit rfc curp reserva transacción transaccion orden serie
      cliente póliza poliza código_postal cp clabe vistas importe precio habitantes
    `),
  },
  it: {
    regions: ['IT', 'CH'],
    strong: words(`
      chiamami chiamare chiama chiamateci telefono cellulare cell contattami contattaci
      contatto whatsapp tel
    `),
    weak: words(`numero n num`),
    exclude: words(`
      ordine fattura spedizione pacco conto riferimento cap codice pratica partita_iva
      prenotazione serie cliente iban scontrino
    `),
  },
  pt: {
    regions: ['BR', 'PT'],
    strong: words(`
      ligue ligar liga me_liga telefone celular cel zap zapzap whats whatsapp contato contacto
      telemóvel telemovel fone tel
    `),
    weak: words(`número numero nº`),
    exclude: words(`
      pedido nota_fiscal nf rastreio rastreamento encomenda conta cpf cnpj cep protocolo
      fatura boleto código codigo reserva agência agencia série serie cliente pix chave
      visualizações valor preço habitantes
    `),
  },
  ms: {
    regions: ['MY', 'ID', 'SG', 'BN'],
    strong: words(
      `hubungi telefon tel talian telp telepon whatsapp wasap handphone hp bimbit sms call`,
    ),
    weak: words(`nombor nomor no`),
    exclude: words(`
      pesanan invois resit akaun poskod penjejakan ic mykad nric rekening kode_pos resi
      tiket siri akaun_bank jumlah harga
    `),
  },
  nl: {
    regions: ['NL', 'BE'],
    strong: words(`bel bellen telefoon mobiel gsm bereikbaar whatsapp tel bel_me`),
    weak: words(`nummer nr`),
    exclude: words(`bestelling factuur rekening postcode zending klant trackingcode order`),
  },
  pl: {
    regions: ['PL'],
    strong: words(`zadzwoń zadzwon dzwoń dzwon telefon tel komórka komorka komórkowy kontakt`),
    weak: words(`numer nr`),
    exclude: words(`
      zamówienie zamowienie zamówienia zamowienia faktura faktury przesyłka przesylka
      przesyłki kod_pocztowy pesel nip regon konto konta
    `),
  },
  tr: {
    regions: ['TR'],
    strong: words(`arayın arayin ara arayabilirsiniz telefon tel cep iletişim iletisim whatsapp`),
    weak: words(`numara numaram no`),
    exclude: words(`sipariş siparis fatura kargo takip hesap posta_kodu kimlik tc`),
  },
  ru: {
    regions: ['RU', 'UA', 'KZ', 'BY'],
    strong: words(`
      звоните позвоните звони звонить телефон тел мобильный моб вотсап ватсап связь контакт
      контакты whatsapp telegram телеграм
    `),
    weak: words(`номер`),
    exclude: words(`
      заказ заказа счёт счет счета накладная накладной трек отслеживания инн индекс снилс
      договор договора паспорт
    `),
  },
  ar: {
    regions: ['SA', 'AE', 'EG', 'MA', 'JO'],
    strong: words(`اتصل اتصلوا هاتف الهاتف جوال الجوال موبايل واتساب واتس تلفون`),
    weak: words(`رقم رقمي`),
    exclude: words(`طلب الطلب فاتورة تتبع حساب الحساب الشحنة`),
  },
  hi: {
    regions: ['IN'],
    strong: words(`फोन फ़ोन कॉल मोबाइल संपर्क व्हाट्सएप व्हाट्सऐप फोन_नंबर`),
    weak: words(`नंबर नम्बर`),
    exclude: words(`ऑर्डर आर्डर चालान खाता पिन बिल टिकट`),
  },
  zh: {
    regions: ['CN', 'TW', 'HK', 'SG', 'MY'],
    strong: words(
      `电话 手机 联系 電話 手機 聯繫 聯絡 微信 致电 热线 來電 来电 打给 打給 座机 座機 联络`,
    ),
    weak: words(`号码 號碼`),
    exclude: words(
      `订单 訂單 单号 單號 快递 快遞 運單 运单 发票 發票 账号 帳號 账户 帳戶 邮编 郵遞區號 身份证 身份證 编号 編號 序列号 型号 卡号 验证码 驗證碼 工单 物流`,
    ),
  },
  ko: {
    regions: ['KR'],
    strong: words(`전화 연락처 휴대폰 핸드폰 연락 카톡 문자`),
    weak: words(`번호`),
    exclude: words(`주문 운송장 송장 계좌 우편번호 주민등록번호 사업자등록번호`),
  },
  th: {
    regions: ['TH'],
    strong: words(`โทร โทรศัพท์ มือถือ ติดต่อ ไลน์`),
    weak: words(`เบอร์`),
    exclude: words(`คำสั่งซื้อ พัสดุ บัญชี รหัสไปรษณีย์`),
  },
  vi: {
    regions: ['VN'],
    strong: words(`gọi điện_thoại sđt sdt liên_hệ zalo dt đt`),
    weak: words(`số`),
    exclude: words(`đơn_hàng mã_vận_đơn tài_khoản`),
  },
  ja: {
    regions: ['JP'],
    strong: words(`電話 携帯 連絡 ケータイ でんわ 電話番号 tel ＴＥＬ ライン`),
    weak: words(`番号`),
    exclude: words(
      `注文 伝票 追跡 問い合わせ番号 請求 口座 郵便番号 〒 会員番号 型番 製造番号 認証コード シリアル 予約`,
    ),
  },
};

export interface WordInfo {
  cls: WordClass;
  lang: string;
}

/** Single words and two-word phrases of space-separated scripts. */
export const WORDS = new Map<string, WordInfo>();
/** Words of scripts written without spaces, matched as substrings. */
export const CJK_WORDS: Array<readonly [string, WordInfo]> = [];

const CJK = /[\u0e00-\u0e7f\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;
for (const [lang, l] of Object.entries(LANGUAGES)) {
  const add = (list: readonly string[] | undefined, cls: WordClass): void => {
    for (const w of list ?? []) {
      const info = { cls, lang };
      if (CJK.test(w)) CJK_WORDS.push([w, info]);
      // The first language to claim a word keeps it (English before the rest), except that an
      // exclusion never overrides a phone word.
      else if (!WORDS.has(w)) WORDS.set(w, info);
    }
  };
  add(l.strong, 'strong');
  add(l.weak, 'weak');
  add(l.exclude, 'exclude');
}

/** Stems that make "<stem>nummer" a phone number (Telefonnummer, Handynummer, telefoonnummer). */
const PHONE_STEMS = new Set([
  'telefon',
  'telefoon',
  'handy',
  'mobil',
  'mobiel',
  'ruf',
  'fax',
  'festnetz',
  'kontakt',
  'whatsapp',
  'tel',
  'gsm',
  'notruf',
  'service',
]);
const COMPOUND_SUFFIXES = ['nummer', 'nr'];
const PHONE_PREFIXES = [
  'telefon',
  'telephon',
  'téléphon',
  'teléfon',
  'telefoon',
  'whatsapp',
  'handy',
];

/**
 * The class of one lower-cased word, or undefined. German/Dutch compounds ending in -nummer are
 * phone words when their stem is (Telefonnummer) and exclusions otherwise (Bestellnummer).
 */
export function classifyWord(word: string): WordInfo | undefined {
  const direct = WORDS.get(word);
  if (direct || word.length < 6) return direct;
  for (const suffix of COMPOUND_SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      let stem = word.slice(0, -suffix.length);
      if (stem.endsWith('-')) stem = stem.slice(0, -1);
      if (stem.endsWith('s')) stem = PHONE_STEMS.has(stem) ? stem : stem.slice(0, -1);
      return { cls: PHONE_STEMS.has(stem) ? 'strong' : 'exclude', lang: 'de' };
    }
  }
  if (word.length > 7) {
    for (const prefix of PHONE_PREFIXES)
      if (word.startsWith(prefix)) return { cls: 'strong', lang: 'de' };
  }
  return undefined;
}

/**
 * What may stand between an exclusion word and its number ("order number: #", "Rechnung Nr.",
 * "n° de commande est"). Any other word means the exclusion word is about something else.
 */
export const FILLER = new Set([
  'number',
  'numbers',
  'no',
  'nr',
  'n',
  'num',
  'n°',
  'nº',
  'id',
  'is',
  'was',
  'are',
  'ist',
  'est',
  'es',
  'é',
  'de',
  'do',
  'da',
  'du',
  'di',
  'del',
  'della',
  'des',
  'the',
  'my',
  'your',
  'our',
  'mein',
  'meine',
  'ihre',
  'votre',
  'mon',
  'ma',
  'mi',
  'su',
  'tu',
  'il',
  'la',
  'le',
  'el',
  'o',
  'a',
  'code',
  'ref',
  'nummer',
  'numéro',
  'numero',
  'número',
  'nombor',
  'nomor',
  'numer',
  'numara',
  'номер',
  'dan',
  'ke',
  'und',
  'and',
  'et',
  'y',
  'e',
  'of',
  'for',
  'to',
  'lautet',
  'with',
  'sa',
  'ni',
  'ng',
]);

/** Regions where a language's phone words are used, for texts without a default region. */
export function regionsOf(lang: string | undefined): readonly string[] {
  return lang ? (LANGUAGES[lang]?.regions ?? []) : [];
}
