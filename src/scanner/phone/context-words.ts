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
  /** Words meaning "number"/"No." that may stand between an exclusion word and its digits. */
  marker?: readonly string[];
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
      customer_care customer_service customer_support customer_helpline customer_hotline client_services client_service support_line
      call calls called calling phone phones phoned tel tele telephone mobile mob cell
      cellphone whatsapp whats_app wa text_me txt sms reach_me fax ring_me ring_us dial
      hotline landline viber telegram helpline contact contacts handphone ph_no phone_no text
      texts imessage signal_me voicemail jazzcash easypaisa gcash bkash nagad mpesa m-pesa
      paytm phonepe toll-free tollfree freephone toll_free
    `),
    weak: words(`number numbers no num hp ph reach ring enquiries enquiry inquiries sim`),
    marker: words(`number numbers no num nr n° nº # id nömrəsi nömrə numri ቁጥር`),
    exclude: words(`
      užsakymo užsakymas užsakymą porosisë porosia porosi sifariş sifarişin sifarişi ትዕዛዝ የትዕዛዝ mbs oib jmbg
      cnic nicop
      complaint complaints grievance srn bib
      company_no company_number company_reg business_registration br brn uen acra cr_no qq tax_id vat_no ein_no lotto draw jackpot powerball euromillions bingo
      order orders invoice invoices inv ticket tickets case ref reference tracking track
      shipment parcel package consignment awb waybill isbn issn iban account accounts acct
      serial sn s_n imei sku model part pin otp zip zipcode postcode postal_code pnr booking
      confirmation reservation transaction txn receipt id policy claim license licence
      registration vin batch lot build version ver kb patent ssn tax vat abn gst aadhaar
      aadhar routing swift sort_code bsb ifsc bug issue item product asin upc ean barcode
      voucher coupon promo card roll employee error errno code member membership customer cust
      passport flight seat page chapter rev commit pr job request req incident rma po
      contract loan cheque uid pid port ip epoch timestamp isbn-10 isbn-13 pan nric mileage
      odometer population score postal invoice_no ticket_no order_no user_id account_no bank
      sortcode consumer meter subscription views downloads subscribers followers total sum count
      revenue balance amount budget salary price cost hits visits likes plays streams votes points
      users installs utr rrn arn docket challan gstin cin uan epf esic folio tin ein
      subscriber bill_no bill_number phone_bill electricity_bill billing serial_no
      membership_no member_no customer_no client_no tracking_no ref_no reg_no registration_no
      licence_no license_no policy_no contract_no case_no ticket_id transaction_id
      nhs medicare tfn crn centrelink nino ird student employee staff admission application
      enrolment enrollment patient mrn mprn mpan nmi warranty meeting webinar passcode
      password lottery isin duns vendor supplier trace tracing till_number till_no
      till_nambari paybill pay_bill buy_goods business_number store_number
    `),
  },
  de: {
    regions: ['DE', 'AT', 'CH'],
    strong: words(`
      kundenservice kundendienst kundenhotline servicehotline
      telefon tel handy erreichbar anrufen anruf ruf ruft rufen mobil rufnummer festnetz
      kontakt telefonisch whatsapp melden meldet meldet_euch
    `),
    weak: words(`nummer nr`),
    marker: words(`nummer nr`),
    exclude: words(`
      aktenzahl geschäftszahl gz
      uid ust-idnr steuernummer svnr sozialversicherung firmenbuch handelsregister hrb hra lotto spiel superzahl gewinnzahlen ziehung
      bestellung auftrag rechnung sendung paket konto blz bic artikel plz postleitzahl vorgang
      aktenzeichen az steuer-id ust-id ustid kundennr bestellnr lieferung lieferschein vertrag
      versicherung ausweis seriennr buchung fahrgestell modell produkt kennung aufrufe
      summe betrag preis gesamt einwohner zähler zählerstand mitglied mitgliedschaft
      referenz ticket abo abonnement sendungsverfolgung tracking quittung beleg
      reservierung lizenz kennzeichen
    `),
  },
  fr: {
    regions: ['FR', 'BE', 'CH', 'CA'],
    strong: words(`
      service_client service_clients relation_client
      appelez appelle appeler appelez-moi appel téléphone telephone tél tel portable joindre
      contactez contacter fixe mobile whatsapp tèl
    `),
    weak: words(`numéro numero no n° nº`),
    marker: words(`numéro numero no n° nº n`),
    exclude: words(`
      matricule dossard
      tva_intracommunautaire numéro_tva n°_tva nif bce
      commande facture suivi colis dossier référence reference réf ref compte code_postal
      siret siren billet réservation série serie client contrat sécu sécurité_sociale tva rib
      vues montant prix habitants abonné abonnement adhérent membre compteur pdl pce
      sinistre reçu ticket immatriculation licence bordereau envoi
    `),
  },
  es: {
    regions: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE'],
    strong: words(`
      atención_al_cliente atencion_al_cliente servicio_al_cliente
      llámame llamame llámanos llamanos llamar llama llame llámenos teléfono telefono móvil
      movil celular cel contacto contáctame contactame contáctanos whatsapp wasap guasap tlf
      tfno telf fono fonos
    `),
    weak: words(`número numero núm nro`),
    marker: words(`número numero núm nro no nº n°`),
    exclude: words(`
      ruc rut nit cuil cédula cedula ci
      boleta boletas
      pedido factura seguimiento envío envio paquete cuenta referencia código codigo
      expediente boleto dni nif cif cuit rfc curp reserva transacción transaccion orden serie
      cliente póliza poliza código_postal cp clabe vistas importe precio habitantes ref
      contrato abonado socio contador suministro recibo ticket matrícula matricula
      licencia localizador guía guia rastreo
    `),
  },
  it: {
    regions: ['IT', 'CH'],
    strong: words(`
      servizio_clienti
      chiamami chiamare chiama chiamateci telefono cellulare cell contattami contattaci
      contatto whatsapp tel telefonare
    `),
    weak: words(`numero n num`),
    marker: words(`numero n num nr`),
    exclude: words(`
      protocollo prot delibera determina sentenza ricorso
      p_iva piva iva codice_fiscale cf rea
      ordine fattura spedizione pacco conto riferimento cap codice pratica partita_iva
      prenotazione serie cliente iban scontrino rif contratto matricola seriale tessera utenza
      bolletta contatore abbonamento polizza ricevuta tracciamento tracking pdr
    `),
  },
  pt: {
    regions: ['BR', 'PT'],
    strong: words(`
      atendimento_ao_cliente sac
      ligue ligar liga me_liga telefone celular cel zap zapzap whats whatsapp contato contacto
      telemóvel telemovel fone tel
    `),
    weak: words(`número numero nº`),
    marker: words(`número numero nº n° no`),
    exclude: words(`
      pedido nota_fiscal nf rastreio rastreamento encomenda conta cpf cnpj cep protocolo
      fatura boleto código codigo reserva agência agencia série serie cliente pix_chave chave
      visualizações valor preço habitantes assinante contrato apólice apolice medidor
      instalação instalacao matrícula matricula recibo chamado sócio socio referência
      referencia nosso_número nosso_numero protocolo_de_atendimento linha_digitável
      linha_digitavel código_de_barras codigo_de_barras chave_de_acesso ordem_de_serviço
      ordem_de_servico inscrição inscricao renavam chassi processo
    `),
  },
  ms: {
    regions: ['MY', 'ID', 'SG', 'BN'],
    strong: words(
      `
      layanan_pelanggan khidmat_pelanggan pusat_layanan layanan_konsumen hubungi telefon tel talian telp telepon whatsapp wasap handphone hp bimbit sms call
      hantar_pesanan pesanan_ringkas tinggalkan_pesanan kirim_pesan mesej telefon_bimbit`,
    ),
    weak: words(`nombor nomor no pertanyaan`),
    marker: words(`nombor nomor no`),
    exclude: words(`
      pesanan invois resit akaun poskod penjejakan ic mykad nric rekening kode_pos resi
      tiket siri akaun_bank jumlah harga pelanggan tagihan meteran token transaksi akun
      kontrak polis seri anggota ahli keahlian pendaftaran registrasi pengiriman lacak
      faktur kwitansi bil nopol rujukan no_rujukan nombor_rujukan aduan tuntutan saman kes
      permohonan referensi pengaduan
    `),
  },
  nl: {
    regions: ['NL', 'BE'],
    strong: words(`bel bellen telefoon mobiel gsm bereikbaar whatsapp tel bel_me`),
    weak: words(`nummer nr`),
    marker: words(`nummer nr`),
    exclude: words(`
      btw btw-nummer kvk kvk-nummer ondernemingsnummer rsz rijksregisternummer bsn
      bestelling factuur rekening postcode zending klant trackingcode order pakket
      contract polis referentie abonnement lid meter
    `),
  },
  sv: {
    regions: ['SE'],
    strong: words(`ring ringa ringer telefon tel mobil sms kontakta nås`),
    weak: words(`nummer nr`),
    marker: words(`nummer nr`),
    exclude: words(`
      bankgiro plusgiro bg pg ocr order beställning faktura referens ärende sändning paket
      spårning avtal konto kvitto bokning medlem kund
    `),
  },
  no: {
    regions: ['NO', 'DK'],
    strong: words(`ringe ring tlf telefon mobil sms kontakt ringer skriv_på skriv_til send_sms`),
    weak: words(`nummer nr`),
    marker: words(`nummer nr`),
    exclude: words(`
      faktura ordre bestilling sporing pakke sending forsendelse referanse reference
      kvittering abonnement cpr konto medlem måler avtale aftale ordrenummer ordrenr cvr
      personnummer fødselsnummer
    `),
  },
  fi: {
    regions: ['FI'],
    strong: words(`soita soittakaa soitto puhelin puh gsm tekstaa whatsapp tavoittaa`),
    weak: words(`numero nro`),
    marker: words(`numero nro no`),
    exclude: words(`
      tilaus tilauksen lasku laskun viite viitteen seuranta lähetys lähetyksen lähetystunnus
      asiakas asiakkaan sopimus sopimuksen tili tilin jäsen jäsenen varaus varauksen kuitti
      kuitin mittari tunnus paketti
    `),
  },
  hu: {
    regions: ['HU'],
    strong: words(`hívj hívjon hívjatok hívd hívható telefon tel mobil elérhetőség elérhető`),
    weak: words(`szám számom`),
    marker: words(`szám számú sz`),
    exclude: words(`
      rajtszám rajtszámok rajtszámot
      rendelés rendelési számla ügyfél azonosító csomag követési nyomkövetési szerződés
      hivatkozási foglalás foglalási mérőóra előfizető tagsági
    `),
  },
  cs: {
    regions: ['CZ', 'SK'],
    strong: words(`
      volejte volat zavolejte zavolej volajte zavolajte telefon tel mobil mobilu kontakt
      telefonu telefónne
    `),
    weak: words(`číslo čísle číslu`),
    marker: words(`číslo čísle číslu č`),
    exclude: words(`
      objednávka objednávky objednávku faktura faktury fakturu zásilka zásilky zásielka
      sledování sledovacie účet účtu smlouva smlouvy zmluva variabilní symbol zákazník
      zákaznické sériové rezervace odběrné
    `),
  },
  pl: {
    regions: ['PL'],
    strong: words(`zadzwoń zadzwon dzwoń dzwon telefon tel komórka komorka komórkowy kontakt`),
    weak: words(`numer nr`),
    marker: words(`numer nr`),
    exclude: words(`
      zamówienie zamowienie zamówienia zamowienia faktura faktury przesyłka przesylka
      przesyłki kod_pocztowy pesel nip regon konto konta paczka paczki śledzenia klienta
      umowy umowa rachunku rachunek seryjny licznika zgłoszenia zgłoszenie zgloszenia
      zgloszenie reklamacji reklamacja sprawy referencyjny rezerwacji biletu paragonu polisy
      dowodu ewidencyjny
    `),
  },
  ro: {
    regions: ['RO', 'MD'],
    strong: words(`sunați sunati sună suna telefon tel mobil contact`),
    weak: words(`număr numar nr`),
    marker: words(`număr numar nr`),
    exclude: words(`
      comanda comandă comenzii factura factură facturii colet coletului awb cont contract
      client abonat referință referinta serie rezervare
    `),
  },
  tr: {
    regions: ['TR'],
    strong: words(`
      müşteri_hizmetleri musteri_hizmetleri çağrı_merkezi
      arayın arayin ara arayabilirsiniz telefon tel cep iletişim iletisim whatsapp gsm
      ulaşabilirsiniz
    `),
    weak: words(`numara numaram no`),
    marker: words(`numara numarası numarasi numaram no`),
    exclude: words(`
      sipariş siparis fatura kargo takip hesap posta_kodu kimlik tc abone abonelik sözleşme
      müşteri musteri seri rezervasyon sayaç sayac poliçe
    `),
  },
  el: {
    regions: ['GR', 'CY'],
    strong: words(`
      τηλ τηλέφωνο τηλεφωνο τηλέφωνό καλέστε καλεστε κινητό κινητο επικοινωνία επικοινωνια
      τηλεφωνήστε τηλεφωνηστε viber
    `),
    weak: words(`αριθμός αριθμό αριθμος αριθμο`),
    marker: words(`αριθμός αριθμό αριθμος αριθμο αρ`),
    exclude: words(`
      παραγγελία παραγγελίας τιμολόγιο τιμολογίου αποστολή αποστολής λογαριασμός
      λογαριασμού συμβόλαιο συμβολαίου κωδικός αφμ παροχής πελάτη
    `),
  },
  he: {
    regions: ['IL'],
    strong: words(`טלפון טל נייד התקשרו התקשר חייגו וואטסאפ`),
    weak: words(`מספר`),
    marker: words(`מספר מס`),
    exclude: words(`
      ח_פ ע_מ עוסק_מורשה עוסק מורשה ת_ז תז
      מעקב הזמנה ההזמנה חשבונית החשבונית חשבון לקוח משלוח אסמכתא פוליסה חוזה מנוי
    `),
  },
  ru: {
    regions: ['RU', 'UA', 'KZ', 'BY'],
    strong: words(`
      звоните позвоните звони звонить телефон тел мобильный моб вотсап ватсап связь контакт
      контакты whatsapp telegram телеграм
    `),
    weak: words(`номер`),
    marker: words(`номер №`),
    exclude: words(`
      заявки заявка заявку заявление обращения обращение
      фактура рахунок-фактура счет-фактура счёт-фактура
      заказ заказа счёт счет счета накладная накладной трек отслеживания инн индекс снилс
      договор договора паспорт трек-номер посылки посылка лицевой абонент абонентский
      квитанции квитанция бронирования полиса полис серийный клиента
    `),
  },
  uk: {
    regions: ['UA'],
    strong: words(`дзвоніть телефонуйте телефон тел мобільний контакти вайбер`),
    weak: words(`номер`),
    marker: words(`номер №`),
    exclude: words(`
      фактура рахунок-фактура счет-фактура счёт-фактура
      замовлення ттн накладна накладної рахунок рахунку договір договору особовий посилки
      посилка відстеження квитанція
    `),
  },
  ar: {
    regions: ['SA', 'AE', 'EG', 'MA', 'JO'],
    strong: words(
      `اتصل اتصلوا اتصال هاتف الهاتف جوال الجوال موبايل واتساب واتس تلفون الرقم_الموحد`,
    ),
    weak: words(`رقم رقمي الرقم`),
    marker: words(`رقم الرقم`),
    exclude: words(`
      طلب الطلب فاتورة الفاتورة تتبع التتبع حساب الحساب الشحنة شحنة العضوية عضوية العداد
      عداد المرجع مرجع الحجز حجز الإيصال إيصال التذكرة تذكرة الهوية هوية الاشتراك اشتراك
      المشترك العقد عقد البوليصة بوليصة العميل عميل الطلبية التسجيل الرخصة الشكوى المعاملة
      معاملة التسلسلي الوثيقة
    `),
  },
  fa: {
    regions: ['IR'],
    strong: words(`تماس تلفن موبایل همراه واتساپ`),
    weak: words(`شماره`),
    marker: words(`شماره`),
    exclude: words(`سفارش فاکتور پیگیری حساب رهگیری اشتراک قرارداد مشتری بارنامه سریال`),
  },
  tl: {
    regions: ['PH'],
    strong: words(`tawagan tumawag tawag i-text itext textan cp cellphone celpon landline`),
    weak: words(`numero num`),
    marker: words(`numero`),
    exclude: words(`resibo account`),
  },
  sw: {
    regions: ['KE', 'TZ', 'UG'],
    strong: words(`piga_simu simu nipigie tupigie mpigie whatsapp`),
    weak: words(`namba nambari`),
    marker: words(`namba nambari`),
    exclude: words(`akaunti risiti oda paybill namba_ya_till namba_ya_biashara`),
  },
  bn: {
    regions: ['BD', 'IN'],
    strong: words(`ফোন মোবাইল যোগাযোগ কল হোয়াটসঅ্যাপ`),
    weak: words(`নম্বর নাম্বার`),
    marker: words(`নম্বর নাম্বার নং`),
    exclude: words(`অর্ডার ট্র্যাকিং অ্যাকাউন্ট বিল গ্রাহক`),
  },
  ur: {
    regions: ['PK', 'IN'],
    strong: words(`فون موبائل رابطہ کال واٹس_ایپ`),
    weak: words(`نمبر`),
    marker: words(`نمبر`),
    exclude: words(`آرڈر بل اکاؤنٹ ٹریکنگ`),
  },
  hr: {
    regions: ['HR', 'RS', 'BA', 'ME', 'SI'],
    strong: words(`nazovite nazovi zovite zovi pozovite telefon tel mob mobitel kontakt pokličite`),
    weak: words(`broj`),
    marker: words(`broj br`),
    exclude: words(`narudžba narudžbe narudzba račun računa pošiljka pošiljke ugovor`),
  },
  bg: {
    regions: ['BG'],
    strong: words(`обадете обади телефон тел мобилен`),
    weak: words(`номер`),
    marker: words(`номер`),
    exclude: words(`поръчка поръчката фактура пратка пратката сметка`),
  },
  hi: {
    regions: ['IN'],
    strong: words(`ग्राहक_सेवा फोन फ़ोन कॉल मोबाइल संपर्क व्हाट्सएप व्हाट्सऐप फोन_नंबर`),
    weak: words(`नंबर नम्बर`),
    marker: words(`नंबर नम्बर संख्या क्रमांक नं`),
    exclude: words(`
      ऑर्डर आर्डर चालान खाता पिन बिल टिकट ट्रैकिंग ट्रेकिंग सीरियल मीटर ग्राहक उपभोक्ता
      इनवॉइस बुकिंग पॉलिसी रसीद सदस्यता अकाउंट खाते ऑडर आर्डर ट्रैकिंग ट्रेकिंग ट्रैक
      इनवॉयस इन्वॉइस इनवाइस इन्वाइस रेफरेंस रेफ़रेंस रेफरेन्स संदर्भ आईडी ट्रांजैक्शन
      ट्रांजेक्शन लेनदेन शिकायत पंजीकरण रजिस्ट्रेशन कूपन वाउचर पार्सल शिपमेंट आवेदन
      पीएनआर कंज्यूमर सीरियल
    `),
  },
  zh: {
    regions: ['CN', 'TW', 'HK', 'SG', 'MY'],
    strong: words(
      `
      客服 电话 手机 联系 電話 手機 聯繫 聯絡 微信 致电 热线 來電 来电 打给 打給 座机 座機 联络`,
    ),
    weak: words(`号码 號碼`),
    marker: words(`号码 號碼 号 號 编号 編號`),
    exclude: words(`
      订单 訂單 单号 單號 快递 快遞 運單 运单 发票 發票 账号 帳號 账户 帳戶 邮编 郵遞區號 身份证
      身份證 编号 編號 序列号 型号 卡号 验证码 驗證碼 工单 物流 追踪 跟踪 追蹤 會員 会员 客户号
      合同 保单 保單 账单 帳單 流水号 预约 預約 案件 序號 构建 構建 版本号 版本號 编译 編譯
      建置 内部版本 工号 工號 学号 學號 批号 批號 订单号 單據 单据
      中獎 中奖 特獎 特奖 頭獎 头奖 開獎 开奖 彩票 樂透 乐透 統一發票 统一发票 獎號 奖号
    `),
  },
  ko: {
    regions: ['KR'],
    strong: words(`
      고객센터 고객상담 상담 문의 전화 연락처 휴대폰 핸드폰 연락 카톡 문자`),
    weak: words(`번호`),
    marker: words(`번호`),
    exclude: words(`
      주문 운송장 송장 계좌 우편번호 주민등록번호 사업자등록번호 제조 일련 시리얼 회원 고객
      계약 예약 접수 영수증 모델 청구 요금 가입자 택배 조회
    `),
  },
  th: {
    regions: ['TH'],
    strong: words(`
      บริการลูกค้า คอลเซ็นเตอร์ โทร โทรศัพท์ มือถือ ติดต่อ ไลน์`),
    weak: words(`เบอร์`),
    marker: words(`เลขที่ หมายเลข เลข`),
    exclude: words(`
      คำสั่งซื้อ พัสดุ บัญชี รหัสไปรษณีย์ รหัส สมาชิก ใบแจ้งหนี้ ใบเสร็จ ติดตาม ออเดอร์ สัญญา
      กรมธรรม์ ลูกค้า ซีเรียล มิเตอร์ การจอง
    `),
  },
  vi: {
    regions: ['VN'],
    strong: words(`
      chăm_sóc_khách tổng_đài gọi điện_thoại sđt sdt liên_hệ zalo dt đt di_động hotline`),
    weak: words(`số`),
    marker: words(`số`),
    exclude: words(`
      đơn_hàng mã_vận_đơn tài_khoản mã vận_đơn seri hóa_đơn hoá_đơn mã_khách_hàng hợp_đồng
      mã_đơn mã_đơn_hàng số_đơn_hàng thành_viên bảo_hành tham_chiếu số_tham_chiếu
      mã_tham_chiếu mã_giao_dịch giao_dịch mã_số_thuế số_hợp_đồng số_tài_khoản mã_bảo_hành
      số_seri số_sê-ri vận_đơn mã_vận_chuyển mã_hồ_sơ hồ_sơ
    `),
  },
  ja: {
    regions: ['JP'],
    strong: words(`
      お客様センター カスタマーセンター サポートセンター 電話 携帯 連絡 ケータイ でんわ 電話番号 tel ＴＥＬ ライン`),
    weak: words(`番号`),
    marker: words(`番号 No`),
    exclude: words(`
      注文 伝票 追跡 問い合わせ番号 請求 口座 郵便番号 〒 会員番号 型番 製造番号 認証コード シリアル
      予約 会員 お客様番号 受付番号 管理番号 製品番号 契約 登録番号 品番 配送
    `),
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
/** "number", "No.", "Nr", "番号", "번호", "नंबर" …: name a number without saying what kind. */
export const NUMBER_MARKERS = new Set<string>();
/** Number markers of scripts written without spaces, longest first (stripped from CJK gaps). */
export const CJK_MARKERS: string[] = [];

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
  for (const m of l.marker ?? []) {
    if (CJK.test(m)) CJK_MARKERS.push(m);
    else NUMBER_MARKERS.add(m);
  }
}
CJK_MARKERS.sort((a, b) => b.length - a.length);

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
  'puhelin',
  'matkapuhelin',
  'mobiili',
  'hívó',
  'vezetékes',
]);
/** Compound endings meaning "number": German, Dutch and Scandinavian, Finnish, Hungarian. */
const COMPOUND_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['nummer', 'de'],
  ['nr', 'de'],
  ['numero', 'fi'],
  ['szám', 'hu'],
];

function isPhoneStem(stem: string): boolean {
  if (PHONE_STEMS.has(stem)) return true;
  for (const p of PHONE_STEMS) if (p.length >= 4 && stem.endsWith(p)) return true;
  return stem.endsWith('ruf'); // Internetrufnummer, Direktrufnummer
}
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
  for (const [suffix, lang] of COMPOUND_SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      let stem = word.slice(0, -suffix.length);
      if (stem.endsWith('-')) stem = stem.slice(0, -1);
      if (stem.endsWith('s')) stem = isPhoneStem(stem) ? stem : stem.slice(0, -1);
      return { cls: isPhoneStem(stem) ? 'strong' : 'exclude', lang };
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
