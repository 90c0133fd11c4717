import { describe } from 'vitest';
import { scanTable, type Row } from './table.js';

// Forum posts in the languages leakwatch serves; emails and cards only (phones have their own suite).
const rows: Row[] = [
  ['Schreib mir an max.mustermann@t-online.de, danke!', [['email', 'max.mustermann@t-online.de']]],
  ['E-Mail:anna@firma-gmbh.de (bitte nicht weitergeben)', [['email', 'anna@firma-gmbh.de']]],
  ['Écrivez-moi à l’adresse sophie.martin@orange.fr.', [['email', 'sophie.martin@orange.fr']]],
  ['Mi correo es juan.perez@gmail.com, escríbeme.', [['email', 'juan.perez@gmail.com']]],
  ['Meu e-mail: joao.silva@uol.com.br — valeu!', [['email', 'joao.silva@uol.com.br']]],
  ['Scrivimi a giulia.rossi@libero.it grazie', [['email', 'giulia.rossi@libero.it']]],
  ['Emel saya: ahmad.rahman@yahoo.com.my ya', [['email', 'ahmad.rahman@yahoo.com.my']]],
  ['मेरा ईमेल priya.sharma@rediffmail.com है', [['email', 'priya.sharma@rediffmail.com']]],
  ['メールはtaro.yamada@docomo.ne.jpまで', [['email', 'taro.yamada@docomo.ne.jp']]],
  ['联系邮箱：wang.wei@163.com，谢谢！', [['email', 'wang.wei@163.com']]],
  ['Meine Karte: 4539 5787 6362 1486, gültig bis 09/27', [['card', '4539 5787 6362 1486']]],
  ['numéro de carte 5425 2334 3010 9903', [['card', '5425 2334 3010 9903']]],
  ['tarjeta 3714 496353 98431 caduca 11/26', [['card', '3714 496353 98431']]],
  ['cartão 4539-5787-6362-1486 pode usar', [['card', '4539-5787-6362-1486']]],
  [
    'カード番号は４５３９ ５７８７ ６３６２ １４８６です',
    [['card', '４５３９ ５７８７ ６３６２ １４８６']],
  ],
  ['कार्ड नंबर ४५३९ ५७८७ ६३६२ १४८६ है', [['card', '४५३९ ५७८७ ६३६२ १४८६']]],
  ['Sendungsnummer 4539578763621486 bei DHL', []],
  ['Numéro de commande : 4539578763621486', []],
  ['Número de pedido 4539578763621486, llega mañana', []],
  ['Nº do rastreio 4539578763621486', []],
  ['订单号 4539578763621486 已发货', []],
  ['注文番号 4539578763621486 です', []],
  ['Treffen wir uns um 10 Uhr at home dot', []],
  ['Il est à la maison point final', []],
  ['Estoy en casa punto com', []],
];

describe('multilingual posts', () => scanTable(rows, ['email', 'card']));
